// BTF fixture: one of each type kind clang 14 emits (ENUM64 needs clang 15; the BTF test
// builds that one by hand), reachable from globals so that -g keeps them.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct opaque;                          /* FWD */
union u { int i; float f; };            /* UNION, FLOAT */
enum color { RED, GREEN = 5, BLUE = -1 };
struct flags { unsigned int a : 3; unsigned int b : 5; int c; };  /* bitfields: kind_flag */
typedef struct flags flags_t;

struct tagged {
	int __attribute__((btf_decl_tag("member_tag"))) x;
	int __attribute__((btf_type_tag("user"))) *p;
} __attribute__((btf_decl_tag("struct_tag")));

struct holder {
	struct opaque *o;
	union u un;
	enum color c;
	flags_t fl;
	struct tagged t;
	int *__restrict r;
	const volatile long cv[2][3];
};

struct holder holder_var;

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	return holder_var.c == RED ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
