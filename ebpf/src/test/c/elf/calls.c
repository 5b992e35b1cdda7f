// Loader fixture: a static function placed in the program's own section (called without a
// relocation), a chain of calls into .text (whose leaf reads a global), a string literal in .rodata.str1.1, and .data/.bss
// only, for map naming with a long object name.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int counter = 5;
char buf[16];

static __noinline __attribute__((section("xdp/bar"))) int local_twice(int x)
{
	return x * 2;
}

static __noinline int leaf(int x)
{
	return x - buf[1]; /* a global data reference inside a .text subprogram */
}

static __noinline int middle(int x)
{
	return leaf(x) + leaf(x + 1);
}

SEC("xdp/bar")
int xdp_bar(struct xdp_md *ctx)
{
	bpf_trace_printk("literal %d\n", sizeof("literal %d\n"), ctx->ingress_ifindex);
	buf[3] = 1;
	counter += local_twice(ctx->rx_queue_index);
	return middle(counter) > 0 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
