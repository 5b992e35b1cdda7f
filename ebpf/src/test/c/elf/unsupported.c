// Loader fixture: a map type netemu does not implement (a ring buffer), to check the error.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	return bpf_ringbuf_output(&events, ctx, 0, 0) ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
