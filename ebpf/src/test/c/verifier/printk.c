// Logs every packet's length with bpf_printk (format string in .rodata).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int printk_len(struct xdp_md *ctx)
{
    long len = (long)ctx->data_end - (long)ctx->data;
    bpf_printk("xdp len %ld on %u", len, ctx->ingress_ifindex);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
