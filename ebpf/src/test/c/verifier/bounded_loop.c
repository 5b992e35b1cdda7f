// Sums the first 32 bytes of the packet in a loop the compiler keeps (a real back edge).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int bounded_loop(struct xdp_md *ctx)
{
    unsigned char *data = (void *)(long)ctx->data;
    unsigned char *data_end = (void *)(long)ctx->data_end;
    __u32 sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 32; i++) {
        if (data + i + 1 > data_end)
            break;
        sum += data[i];
    }
    return sum & 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
