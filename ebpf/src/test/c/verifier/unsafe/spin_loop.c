// Unsafe: waits on a value nothing in the loop changes.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int spin_loop(struct xdp_md *ctx)
{
    volatile int x = ctx->ingress_ifindex;
    while (x != 5) {
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
