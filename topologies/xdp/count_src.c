// SPDX-License-Identifier: GPL-2.0
// Counts IPv4 packets and bytes per source address in a hash map; passes every frame.
// Read it with: bpftool map dump name src_count
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct counter {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);		/* source address, network order */
	__type(value, struct counter);
} src_count SEC(".maps");

SEC("xdp")
int count_src(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct counter *c, init = {};
	__u32 src;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	src = ip->saddr;
	c = bpf_map_lookup_elem(&src_count, &src);
	if (!c) {
		bpf_map_update_elem(&src_count, &src, &init, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&src_count, &src);
		if (!c)
			return XDP_PASS;
	}
	__sync_fetch_and_add(&c->packets, 1);
	__sync_fetch_and_add(&c->bytes, data_end - data);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
