// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Stack fields: read a stack id's frames from tk_stacks and print them
 * symbolized (see stack.h for the formats).  Leading kernel frames of the
 * tracing machinery (the BPF program, tracepoint dispatch, trampolines,
 * kprobe handlers) are dropped. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "escape.h"
#include "stack.h"
#include "sym.h"

#define DEFAULT_ENTRIES 4096
#define INDENT "        "

static int stacks_fd = -1;
static struct tk_sym *sym;
static const char *const *kskip;	/* tk_stack_kernel_skip() */
static unsigned int max_frames;		/* tk_stack_max_frames() */

int tk_stack_configure(struct bpf_object *obj, bool wanted, unsigned int entries)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, "tk_stacks");

	if (!map)
		return -ENOENT;
	return bpf_map__set_max_entries(map, wanted ? (entries ? entries : DEFAULT_ENTRIES) : 1);
}

void tk_stack_init(struct bpf_object *obj)
{
	struct bpf_map *map = obj ? bpf_object__find_map_by_name(obj, "tk_stacks") : NULL;

	stacks_fd = map ? bpf_map__fd(map) : -1;
}

void tk_stack_fini(void)
{
	tk_sym__free(sym);
	sym = NULL;
	stacks_fd = -1;
}

struct tk_sym *tk_stack_symbolizer(void)
{
	if (!sym)
		sym = tk_sym__new(NULL);
	return sym;
}

bool tk_stack_field(const struct tk_field *f)
{
	return f->type == TK_FT_KSTACK || f->type == TK_FT_USTACK;
}

bool tk_stack_shown(const struct tk_field *f)
{
	return !f->show || *f->show;
}

static const char *err_name(int id)
{
	switch (-id) {
	case EEXIST: return "EEXIST";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case ENOENT: return "ENOENT";
	default: return "EINVAL";
	}
}

/* True for a kernel frame of the tracing machinery that ran the BPF
 * program (the program itself, the tracepoint or trampoline dispatch):
 * leading frames like these are dropped, so a stack starts in the traced
 * code whatever the attach type. */
static bool machinery(const struct tk_frame *fr)
{
	static const char *const prefixes[] = {
		"bpf_prog_", "bpf_trace_run", "__bpf_trace_", "perf_trace_", "trace_call_bpf",
		"__traceiter_", "bpf_trampoline_", "__bpf_prog_enter", "kprobe_perf_func",
		"kretprobe_perf_func", "kprobe_dispatcher", "kretprobe_dispatcher",
		/* kprobes on ftrace (a function's first instruction) */
		"kprobe_ftrace_handler", "arch_ftrace_ops_list_func", "ftrace_regs_call",
		"ftrace_regs_caller", "ftrace_caller", "ftrace_call", "ftrace_trampoline",
	};

	/* BPF programs and JIT images; ftrace trampolines */
	if (fr->module && (!strcmp(fr->module, "bpf") || !strcmp(fr->module, "__builtin__ftrace")))
		return true;
	for (size_t i = 0; fr->sym && i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(fr->sym, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* True for a frame tk_stack_kernel_skip() asked to drop. */
static bool skipped(const struct tk_frame *fr)
{
	for (const char *const *p = kskip; p && *p && fr->sym; p++)
		if (!strncmp(fr->sym, *p, strlen(*p)))
			return true;
	return false;
}

/* The frames of stack id (of process pid for a user stack, type
 * TK_FT_KSTACK or TK_FT_USTACK) into ips, leading kernel frames dropped:
 * returns their number, or a negative stack error (the id, or -ENOENT when
 * the map does not hold it). */
static int read_ids(__s32 id, enum tk_field_type type, int pid, __u64 *ips)
{
	__u32 key;
	int n = 0;

	if (id < 0)
		return id;
	key = (__u32)id;
	memset(ips, 0, TK_STACK_DEPTH * sizeof(*ips));
	if (stacks_fd < 0 || bpf_map_lookup_elem(stacks_fd, &key, ips))
		return -ENOENT;
	while (n < TK_STACK_DEPTH && ips[n])
		n++;
	tk_stack_symbolizer();
	if (sym && type == TK_FT_USTACK)
		tk_sym__user_begin(sym, pid);
	if (sym && type == TK_FT_KSTACK) {
		int skip = 0;
		struct tk_frame fr;

		while (skip < n - 1 && tk_sym__kernel(sym, ips[skip], &fr) == 0 && machinery(&fr))
			skip++;
		while (kskip && skip < n - 1 && tk_sym__kernel(sym, ips[skip], &fr) == 0 &&
		       skipped(&fr))
			skip++;
		memmove(ips, ips + skip, (size_t)(n - skip) * sizeof(*ips));
		n -= skip;
	}
	if (max_frames && n > (int)max_frames)
		n = (int)max_frames;
	return n;
}

/* The frames of f's stack in rec, as read_ids(). */
static int read_stack(const struct tk_field *f, const void *rec, __u64 *ips, int *pid)
{
	__s32 id;

	memcpy(&id, (const char *)rec + f->offset, sizeof(id));
	*pid = 0;
	if (f->type == TK_FT_USTACK)
		memcpy(pid, (const char *)rec + f->pid_offset, sizeof(*pid));
	return read_ids(id, f->type, *pid, ips);
}

void tk_stack_kernel_skip(const char *const *prefixes)
{
	kskip = prefixes;
}

void tk_stack_max_frames(unsigned int n)
{
	max_frames = n;
}

int tk_stack_kernel_frame(__s32 id, unsigned int i, struct tk_frame *fr)
{
	__u64 ips[TK_STACK_DEPTH];
	unsigned int keep = max_frames;
	int n;

	max_frames = 0;
	n = read_ids(id, TK_FT_KSTACK, 0, ips);
	max_frames = keep;
	memset(fr, 0, sizeof(*fr));
	if (n < 0)
		return n;
	if (i >= (unsigned int)n)
		return -ENOENT;
	fr->addr = ips[i];
	if (sym)
		tk_sym__kernel(sym, ips[i], fr);
	return 0;
}

static void resolve(const struct tk_field *f, int pid, __u64 ip, struct tk_frame *fr)
{
	memset(fr, 0, sizeof(*fr));
	fr->addr = ip;
	if (!sym)
		return;
	if (f->type == TK_FT_KSTACK)
		tk_sym__kernel(sym, ip, fr);
	else
		tk_sym__user(sym, pid, ip, fr);
}

size_t tk_stack_text(char *dst, size_t cap, const struct tk_field *f, const void *rec, bool sep)
{
	__u64 ips[TK_STACK_DEPTH];
	char raw[1200], line[2600];
	size_t o = 0;
	int pid, n = read_stack(f, rec, ips, &pid);

#define PUT(...) do {								\
		int w_ = snprintf(line, sizeof(line), __VA_ARGS__);		\
		if (w_ < 0 || (size_t)w_ >= cap - o)				\
			return o;						\
		memcpy(dst + o, line, (size_t)w_);				\
		o += (size_t)w_;						\
	} while (0)

	if (!cap)
		return 0;
	if (sep)
		PUT(INDENT "--\n");
	if (n < 0) {
		PUT(INDENT "[lost stack: %s]\n", err_name(n));
		return o;
	}
	for (int i = 0; i < n; i++) {
		struct tk_frame fr;
		char esc[sizeof(line) - 16];

		resolve(f, pid, ips[i], &fr);
		tk_sym_format(&fr, raw, sizeof(raw));
		tk_escape_text(esc, sizeof(esc), raw, strlen(raw));
		PUT(INDENT "%s\n", esc);
	}
	if (sym)
		tk_sym__user_end(sym);
	return o;
#undef PUT
}

/* JSON string or null for s into dst; returns bytes written (0 if no room). */
static size_t json_str(char *dst, size_t cap, const char *s)
{
	size_t n;

	if (!s)
		return cap > 4 ? (memcpy(dst, "null", 4), 4) : 0;
	if (cap < 3)
		return 0;
	dst[0] = '"';
	n = tk_escape_json(dst + 1, cap - 2, s, strlen(s));
	if (n + 2 >= cap)
		return 0;
	dst[1 + n] = '"';
	return n + 2;
}

size_t tk_stack_json(char *dst, size_t cap, const struct tk_field *f, const void *rec)
{
	__u64 ips[TK_STACK_DEPTH];
	char frame[3000];
	size_t o = 0;
	int pid, n = read_stack(f, rec, ips, &pid);

	if (cap < 64)
		return 0;
	if (n < 0)
		return (size_t)snprintf(dst, cap, "null,\"%s_lost\":\"%s\"", f->key, err_name(n));
	dst[o++] = '[';
	for (int i = 0; i < n; i++) {
		struct tk_frame fr;
		size_t k;

		resolve(f, pid, ips[i], &fr);
		k = (size_t)snprintf(frame, sizeof(frame), "%s{\"addr\":\"0x%llx\",\"sym\":",
				     i ? "," : "", fr.addr);
		k += json_str(frame + k, sizeof(frame) - k - 64, fr.sym);
		if (fr.sym)
			k += (size_t)snprintf(frame + k, sizeof(frame) - k, ",\"off\":%llu,\"module\":", fr.off);
		else
			k += (size_t)snprintf(frame + k, sizeof(frame) - k, ",\"off\":null,\"module\":");
		k += json_str(frame + k, sizeof(frame) - k - 2, fr.module);
		frame[k++] = '}';
		if (k + 1 >= cap - o)
			break;	/* no room: end the array early, still valid */
		memcpy(dst + o, frame, k);
		o += k;
	}
	if (sym)
		tk_sym__user_end(sym);
	dst[o++] = ']';
	return o;
}

int tk_stack_resolve(int id, bool user, int pid, struct tk_frame *frames, int max)
{
	struct tk_field f = { .type = user ? TK_FT_USTACK : TK_FT_KSTACK, .offset = 0,
			      .pid_offset = sizeof(__s32) };
	struct { __s32 id; __s32 pid; } rec = { id, pid };
	__u64 ips[TK_STACK_DEPTH];
	int dummy, n = read_stack(&f, &rec, ips, &dummy);

	if (n < 0)
		return n;
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++)
		resolve(&f, pid, ips[i], &frames[i]);
	if (sym)
		tk_sym__user_end(sym);
	return n;
}

void tk_stack_clear(void)
{
	__u32 key, next;
	bool first = true;

	if (stacks_fd < 0)
		return;
	/* deleting the key just read restarts nothing: get_next_key of a
	 * deleted key returns the first key, so always ask for the first */
	while (!bpf_map_get_next_key(stacks_fd, first ? NULL : &key, &next)) {
		if (bpf_map_delete_elem(stacks_fd, &next)) {
			key = next;
			first = false;
		}
	}
}
