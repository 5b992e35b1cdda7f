// Loader fixture: BTF-defined maps of several kinds, a legacy maps section, global data,
// bpf_printk, a static noinline subprogram and a global subprogram shared by two sections.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct legacy_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct legacy_map_def legacy_counts SEC("maps") = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = 4,
	.value_size = 8,
	.max_entries = 16,
	.map_flags = 0,
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1024);
} pkt_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 16);
	__uint(max_entries, 8);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} stats SEC(".maps");

struct lpm_key {
	__u32 prefixlen;
	__u8 addr[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct lpm_key);
	__type(value, __u32);
	__uint(max_entries, 64);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} routes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 4);
} tx_ports SEC(".maps");

__u64 bss_counter;
__u32 data_var = 7;
const volatile __u32 rodata_var = 42;
const volatile __u64 rodata_var2 = 43;

static __noinline int add_one(int x)
{
	return x + 1;
}

__noinline int shared_helper(int x)
{
	return add_one(x) * 3;
}

SEC("xdp")
int xdp_main(struct xdp_md *ctx)
{
	__u32 key = 1;
	__u64 one = 1, *v;

	v = bpf_map_lookup_elem(&pkt_count, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&pkt_count, &key, &one, BPF_ANY);
	bss_counter++;
	data_var += rodata_var;
	bpf_printk("hello %d", data_var);
	__u32 *s = bpf_map_lookup_elem(&stats, &key);
	if (s)
		*s += 1;
	__u64 *l = bpf_map_lookup_elem(&legacy_counts, &key);
	if (l)
		*l += rodata_var2;
	struct lpm_key lk = { .prefixlen = 32 };
	if (bpf_map_lookup_elem(&routes, &lk))
		return XDP_DROP;
	return shared_helper(ctx->ingress_ifindex) > 10 ? XDP_PASS : XDP_ABORTED;
}

SEC("xdp/foo")
int xdp_foo(struct xdp_md *ctx)
{
	if (shared_helper(ctx->rx_queue_index) == 3)
		return bpf_redirect_map(&tx_ports, 0, 0);
	return XDP_PASS;
}

SEC("xdp/foo")
int xdp_foo2(struct xdp_md *ctx)
{
	return add_one(1) == 2 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "Dual BSD/GPL";
