// Unsafe: uses a map lookup result without checking it for NULL.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u64);
} counts SEC(".maps");

SEC("xdp")
int null_deref(struct xdp_md *ctx)
{
    __u32 k = 0;
    __u64 *v = bpf_map_lookup_elem(&counts, &k);
    return *v ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
