#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int xp(struct xdp_md *ctx) { return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
