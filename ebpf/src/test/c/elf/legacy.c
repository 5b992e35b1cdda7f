// Loader fixture compiled without -g: only a legacy "maps" section (struct bpf_map_def is
// written out here, as old samples did), which needs no BTF.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def_legacy {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def_legacy rx_count SEC("maps") = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(long),
	.max_entries = 256,
};

struct bpf_map_def_legacy tx_hash SEC("maps") = {
	.type = BPF_MAP_TYPE_LRU_HASH,
	.key_size = 8,
	.value_size = 4,
	.max_entries = 100,
	.map_flags = 0,
};

SEC("xdp")
int legacy_prog(struct xdp_md *ctx)
{
	__u32 key = 0;
	long *v = bpf_map_lookup_elem(&rx_count, &key);
	if (v)
		*v += 1;
	__u64 k8 = 1;
	bpf_map_lookup_elem(&tx_hash, &k8);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
