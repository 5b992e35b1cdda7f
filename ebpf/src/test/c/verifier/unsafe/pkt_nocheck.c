// Unsafe: reads the packet without comparing against data_end first.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int pkt_nocheck(struct xdp_md *ctx)
{
    unsigned char *d = (void *)(long)ctx->data;
    return d[12] ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
