// SPDX-License-Identifier: GPL-2.0
// Sends UDP and TCP frames out of another interface chosen by destination port:
// ports maps a port (host order) to a slot of the devmap tx_port, which holds the ifindex.
//   bpftool map update name ports key 0x61 0x1e value 1 0 0 0     (port 7777 -> slot 1)
//   bpftool map update name tx_port key 1 0 0 0 value 3 0 0 0     (slot 1 -> ifindex 3)
// Other frames, and ports without a slot, go up the stack.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u16);
	__type(value, __u32);
} ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} tx_port SEC(".maps");

SEC("xdp")
int redirect_port(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u16 port;
	__u32 *slot;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl != 5)
		return XDP_PASS;
	if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = (void *)(ip + 1);
		if ((void *)(udp + 1) > data_end)
			return XDP_PASS;
		port = bpf_ntohs(udp->dest);
	} else if (ip->protocol == IPPROTO_TCP) {
		struct tcphdr *tcp = (void *)(ip + 1);
		if ((void *)(tcp + 1) > data_end)
			return XDP_PASS;
		port = bpf_ntohs(tcp->dest);
	} else {
		return XDP_PASS;
	}
	slot = bpf_map_lookup_elem(&ports, &port);
	if (!slot)
		return XDP_PASS;
	return bpf_redirect_map(&tx_port, *slot, XDP_PASS);
}

char _license[] SEC("license") = "GPL";
