// Unsafe for netemu: can return 7, which is no XDP action.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int bad_verdict(struct xdp_md *ctx)
{
    return ctx->rx_queue_index ? 7 : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
