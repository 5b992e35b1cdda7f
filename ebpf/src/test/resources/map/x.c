#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u32); __type(value, __u64); } cnt SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 2); __type(key, __u32); __type(value, __u64); } pc SEC(".maps");
SEC("xdp") int xcount(struct xdp_md *ctx) {
  __u32 k = 1; __u64 one = 1, *v = bpf_map_lookup_elem(&cnt, &k);
  if (v) __sync_fetch_and_add(v, 1); else bpf_map_update_elem(&cnt, &k, &one, BPF_ANY);
  __u64 *p = bpf_map_lookup_elem(&pc, &k); if (p) *p += 1;
  return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
