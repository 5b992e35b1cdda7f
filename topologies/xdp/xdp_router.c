// SPDX-License-Identifier: GPL-2.0
// A router's fast path, as the kernel's samples/bpf/xdp_fwd does it: an IPv4 frame that
// bpf_fib_lookup can forward (a unicast route, forwarding on, a valid neighbour) leaves through
// the egress device the FIB chose, TTL decremented and MACs rewritten, without ever reaching the
// stack. Everything else goes up the stack (XDP_PASS), which knows what to do: ARP, frames for
// the router itself, TTL 1 (ICMP time exceeded), no route (ICMP unreachable), a neighbour not
// yet resolved (the stack sends the ARP request, and the next frame takes the fast path).
// fib_results counts each lookup's BPF_FIB_LKUP_RET_* code (0 = forwarded here).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define AF_INET 2

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} fib_results SEC(".maps");

/* ip_decrease_ttl from include/net/ip.h: the TTL is the high byte of its 16-bit word, so the
 * checksum goes up by 0x0100 (RFC 1624), folding the carry back in. */
static __always_inline void ip_decrease_ttl(struct iphdr *ip)
{
	__u32 check = ip->check;

	check += bpf_htons(0x0100);
	ip->check = (__u16)(check + (check >= 0xFFFF));
	ip->ttl--;
}

SEC("xdp")
int xdp_router(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct bpf_fib_lookup fib = {};
	__u32 key;
	__u64 *n;
	long rc;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (ip->ttl <= 1)
		return XDP_PASS;
	fib.family = AF_INET;
	fib.tos = ip->tos;
	fib.l4_protocol = ip->protocol;
	fib.tot_len = bpf_ntohs(ip->tot_len);
	fib.ipv4_src = ip->saddr;
	fib.ipv4_dst = ip->daddr;
	fib.ifindex = ctx->ingress_ifindex;

	rc = bpf_fib_lookup(ctx, &fib, sizeof(fib), 0);
	key = rc < 0 ? 15 : (__u32)rc & 15;
	n = bpf_map_lookup_elem(&fib_results, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	if (rc != BPF_FIB_LKUP_RET_SUCCESS)
		return XDP_PASS;
	ip_decrease_ttl(ip);
	__builtin_memcpy(eth->h_dest, fib.dmac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, fib.smac, ETH_ALEN);
	return bpf_redirect(fib.ifindex, 0);
}

char _license[] SEC("license") = "GPL";
