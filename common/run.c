// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tk_main(): the lifecycle every tool shares. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "attach.h"
#include "hist.h"
#include "log.h"
#include "opts.h"
#include "output.h"
#include "perf.h"
#include "stackagg.h"
#include "table.h"
#include "stack.h"
#include "tk.h"

#define DEFAULT_RINGBUF (1UL << 20)
#define POLL_MS 100		/* latest an event waits for a batch to fill */
#define MAX_ATTEMPTS 8

static volatile sig_atomic_t exiting;

static void on_signal(int sig)
{
	(void)sig;
	exiting = 1;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/* Signal handlers only set a flag and reset themselves: a second Ctrl-C kills. */
static void setup_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESETHAND };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Pointer to global variable name in obj's .rodata (NULL if absent). */
static void *rodata_var(struct bpf_object *obj, const char *name, size_t size)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	struct bpf_map *map;
	size_t mapsz;
	char *data = NULL;
	int id;

	bpf_object__for_each_map(map, obj) {
		const char *n = bpf_map__name(map);
		size_t len = strlen(n);

		if (len >= 7 && !strcmp(n + len - 7, ".rodata"))
			data = (char *)bpf_map__initial_value(map, &mapsz);
	}
	if (!btf || !data)
		return NULL;
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (id < 0)
		return NULL;
	sec = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(sec);
	for (int i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);

		if (!strcmp(btf__name_by_offset(btf, var->name_off), name) &&
		    vs->size == size && vs->offset + size <= mapsz)
			return data + vs->offset;
	}
	return NULL;
}

/* Standard configuration common/ owns: ring size, wakeup batch, filter. */
static int configure(const struct tk_tool *tool, struct bpf_object *obj)
{
	struct bpf_map *events = bpf_object__find_map_by_name(obj, "events");
	unsigned long size = tool->ringbuf_size ? tool->ringbuf_size : DEFAULT_RINGBUF;
	struct tk_filter *filter = rodata_var(obj, "tk_filter", sizeof(*filter));
	__u64 *wakeup = rodata_var(obj, "tk_wakeup_bytes", sizeof(__u64));

	if (events) {
		bpf_map__set_max_entries(events, (__u32)size);
		if (wakeup)
			*wakeup = size / 8 < 65536 ? size / 8 : 65536;
	}
	if (filter) {
		*filter = tk_std.filter;
		filter->self = (__u32)getpid();
	}
	else if (tool->std & TK_STD_FILTERS) {
		tk_err("BUG: BPF object has no tk_filter (include common/tk.bpf.h and call tk_filter_pass)");
		return -EINVAL;
	}
	return 0;
}

static int set_cgroup(struct bpf_object *obj)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, "tk_cgroup");
	__u32 key = 0;
	int fd, err = 0;

	if (!tk_std.cgroup)
		return 0;
	fd = open(tk_std.cgroup, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || !map || bpf_map_update_elem(bpf_map__fd(map), &key, &fd, BPF_ANY))
		err = -errno;
	if (err)
		tk_err("cgroup filter %s: %s", tk_std.cgroup, tk_strerror(err));
	if (fd >= 0)
		close(fd);
	return err;
}

/* True when the process may load and attach tracing programs: root, or
 * CAP_BPF with CAP_PERFMON, or CAP_SYS_ADMIN (kernels before 5.8). */
static bool may_trace(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { 0 };
	bool bpf, perfmon, admin;

	if (geteuid() == 0)
		return true;
	if (syscall(SYS_capget, &hdr, data))
		return true;	/* cannot tell: let the kernel decide */
#define HAS_CAP(c) (data[(c) / 32].effective & (1U << ((c) % 32)))
	bpf = HAS_CAP(39);	/* CAP_BPF */
	perfmon = HAS_CAP(38);	/* CAP_PERFMON */
	admin = HAS_CAP(CAP_SYS_ADMIN);
#undef HAS_CAP
	return admin || (bpf && perfmon);
}

struct runtime {
	const struct tk_tool *tool;
	void *skel;
	struct bpf_object *obj;
	struct tk_ladder *ladder;
	struct tk_perf *perf;		/* perf events of tool->perf */
	struct ring_buffer *rb;
	struct bpf_map *lost_map;
	unsigned long long lost_total;
	unsigned long long hist_full;	/* histogram updates lost so far, reported */
	int ncpus;
	int failed;		/* an event callback asked to stop */
};

static int handle_event(void *ctx, void *data, size_t size)
{
	struct runtime *rt = ctx;
	int err;

	if (rt->tool->on_event) {
		err = rt->tool->on_event(data, size);
		if (err < 0) {
			rt->failed = 1;
			return err;
		}
		return 0;
	}
	tk_out_record(rt->tool->fields, data);
	return 0;
}

/* Reads the per-CPU loss counters; reports what is new since the last call. */
static void check_lost(struct runtime *rt, bool final)
{
	__u64 *vals;
	__u32 key = 0;
	unsigned long long sum = 0;

	if (!rt->lost_map)
		return;
	vals = calloc((size_t)rt->ncpus, sizeof(*vals));
	if (vals && !bpf_map_lookup_elem(bpf_map__fd(rt->lost_map), &key, vals)) {
		for (int i = 0; i < rt->ncpus; i++)
			sum += vals[i];
	}
	free(vals);
	if (sum > rt->lost_total) {
		unsigned long long delta = sum - rt->lost_total;

		rt->lost_total = sum;
		if (tk_out_json()) {
			tk_json_begin();
			tk_json_str("type", "lost");
			tk_json_uint("count", delta);
			tk_json_uint("total", sum);
			tk_json_end();
		}
		if (!final)
			tk_warn("lost %llu events (ring buffer full; output too slow?)", delta);
	}
	if (final && rt->lost_total)
		tk_warn("lost %llu events in total", rt->lost_total);
}

static void print_hists(struct runtime *rt)
{
	const struct tk_hist_spec *spec = rt->tool->hist;
	struct bpf_map *map = bpf_object__find_map_by_name(rt->obj, spec->map);
	char clk[16];

	if (!map) {
		tk_err("BUG: no map named %s", spec->map);
		return;
	}
	if (!tk_out_json()) {
		fputc('\n', tk_out_file());
		if (tk_std.timestamp)
			fprintf(tk_out_file(), "%-8s\n", tk_clock_str(clk, sizeof(clk)));
	}
	tk_hist_print_map(spec, map);
	tk_map_full_report(spec->map, bpf_object__find_map_by_name(rt->obj, "tk_hist_full"),
			   &rt->hist_full);
}

/* True when tool t prints a table (always, or because its option is on). */
static bool table_on(const struct tk_tool *t)
{
	return t->table && (!t->table->enable || *t->table->enable);
}

static void print_table(struct runtime *rt)
{
	const struct tk_table_spec *spec = rt->tool->table;
	struct bpf_map *map = bpf_object__find_map_by_name(rt->obj, spec->map);

	if (!map) {
		tk_err("BUG: no map named %s", spec->map);
		return;
	}
	tk_table_print_map(spec, map, bpf_object__find_map_by_name(rt->obj, "tk_table_full"));
}

/* The summary of a histogram or table tool, every interval and at exit. */
static void print_summary(struct runtime *rt)
{
	if (rt->tool->hist)
		print_hists(rt);
	if (table_on(rt->tool))
		print_table(rt);
	if (rt->tool->stacks && tk_stackagg_print(rt->tool->stacks, rt->obj))
		rt->failed = 1;
}

/* True for tools that print a summary (every interval and at exit). */
static bool summary_tool(const struct tk_tool *tool)
{
	return tool->hist || table_on(tool) || tool->stacks;
}

/* Opens, configures, selects rungs, loads and attaches, retrying on the next
 * rung when a variant fails.  Returns 0 or an exit code. */
static int start(struct runtime *rt)
{
	const struct tk_tool *tool = rt->tool;
	LIBBPF_OPTS(bpf_object_open_opts, oopts, .btf_custom_path = tk_std.btf);
	int err;

	for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const char *failed;

		rt->skel = tool->skel->open(&oopts);
		if (!rt->skel) {
			err = -errno;
			tk_err("opening BPF object: %s", tk_strerror(err));
			return TK_EXIT_FAIL;
		}
		rt->obj = tool->skel->obj(rt->skel);
		if (configure(tool, rt->obj))
			return TK_EXIT_FAIL;
		if (tool->setup && (err = tool->setup(rt->skel))) {
			if (err != -ECANCELED)
				tk_err("setting up: %s", tk_strerror(err));
			return TK_EXIT_FAIL;
		}
		if (tk_ladder__select(rt->ladder, rt->obj))
			return TK_EXIT_FAIL;
		tk_log_capture(true);
		err = tool->skel->load(rt->skel);
		tk_log_capture(false);
		if (err) {
			err = err < 0 ? err : -errno;
			failed = tk_log_failed_prog();
			if (tk_ladder__ban(rt->ladder, failed, err))
				goto retry;
			if (failed)
				tk_err("loading BPF program %s: %s%s", failed, tk_strerror(err), tk_errno_hint(err));
			else
				tk_err("loading BPF programs: %s%s", tk_strerror(err), tk_errno_hint(err));
			return TK_EXIT_FAIL;
		}
		if (set_cgroup(rt->obj))
			return TK_EXIT_FAIL;
		if (tool->attach && tool->attach(rt->skel))
			return TK_EXIT_FAIL;
		err = tk_ladder__attach(rt->ladder, rt->obj);
		if (err == -EAGAIN)
			goto retry;
		if (err)
			return TK_EXIT_FAIL;
		if (tool->perf && tk_perf__attach(tool->perf, rt->obj, &rt->perf))
			return TK_EXIT_FAIL;
		return 0;
retry:
		tool->skel->destroy(rt->skel);
		rt->skel = NULL;
		rt->obj = NULL;
	}
	tk_err("BUG: gave up after %d attempts to load and attach", MAX_ATTEMPTS);
	return TK_EXIT_FAIL;
}

/* True when stdout is a pipe whose reader has gone: checked each round, so
 * "| head -1" ends the tool even while no event comes to write. */
static bool reader_gone(void)
{
	static int is_pipe = -1;
	struct pollfd p = { .fd = STDOUT_FILENO };
	struct stat st;

	if (is_pipe < 0)
		is_pipe = fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode);
	return is_pipe && poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

/* A closed pipe (| head) ends the tool quietly; other write errors fail. */
static int output_failed(int err)
{
	if (err == -EPIPE)
		return TK_EXIT_OK;
	tk_err("writing output: %s", tk_strerror(err));
	return TK_EXIT_FAIL;
}

static int run_loop(struct runtime *rt)
{
	const struct tk_tool *tool = rt->tool;
	unsigned long long start = now_ns(), now;
	unsigned long long deadline = tk_std.duration ? start + tk_std.duration * 1000000000ULL : 0;
	unsigned long long next_tick = tk_std.interval ? start + tk_std.interval * 1000000000ULL : 0;
	unsigned long long next_lost = start + 1000000000ULL, intervals = 0;
	bool printed_last = false;
	int err;

	while (!exiting) {
		if (rt->rb) {
			err = ring_buffer__poll(rt->rb, POLL_MS);
			/* records submitted without a wakeup (batching) raise no
			 * epoll event: drain them here, at least every POLL_MS */
			if (err >= 0)
				err = ring_buffer__consume(rt->rb);
			if (err < 0 && err != -EINTR) {
				if (rt->failed)
					return TK_EXIT_FAIL;
				tk_err("reading events: %s", tk_strerror(err));
				return TK_EXIT_FAIL;
			}
		} else {
			poll(NULL, 0, POLL_MS);
		}
		now = now_ns();
		if (now >= next_lost) {
			check_lost(rt, false);
			next_lost = now + 1000000000ULL;
		}
		printed_last = false;
		if (next_tick && now >= next_tick && summary_tool(tool)) {
			print_summary(rt);
			printed_last = true;
			next_tick += tk_std.interval * 1000000000ULL;
			if (tk_std.count && ++intervals >= tk_std.count)
				break;
		}
		err = tk_out_flush();
		if (err)
			return output_failed(err);
		if (reader_gone())
			return TK_EXIT_OK;
		if (deadline && now >= deadline)
			break;
	}
	if (rt->rb)
		ring_buffer__consume(rt->rb);
	if (summary_tool(tool) && !printed_last)
		print_summary(rt);
	check_lost(rt, true);
	err = tk_out_flush();
	if (err)
		return output_failed(err);
	return rt->failed ? TK_EXIT_FAIL : TK_EXIT_OK;
}

int tk_main(const struct tk_tool *tool, int argc, char **argv)
{
	const char *slash = argv[0] ? strrchr(argv[0], '/') : NULL;
	struct runtime rt = { .tool = tool };
	struct bpf_map *events;
	int ret;

	/* messages name the tool as invoked (argv[0] aliases), without its path */
	if (slash)
		argv[0] = (char *)slash + 1;
	tk_log_init(argv[0] ? argv[0] : tool->name, 0);
	ret = tk_opts_parse(tool, argc, argv);
	if (ret)
		return ret < 0 ? TK_EXIT_OK : ret;
	tk_log_init(tk_tool_name(), tk_std.verbose);
	tk_log_libbpf();
	setup_signals();

	if (!may_trace()) {
		tk_err("tracing needs privileges: run as root (or with CAP_BPF and CAP_PERFMON)");
		return TK_EXIT_FAIL;
	}
	if (!tk_std.btf && access("/sys/kernel/btf/vmlinux", R_OK)) {
		tk_err("kernel BTF not found at /sys/kernel/btf/vmlinux: this kernel lacks "
		       "CONFIG_DEBUG_INFO_BTF; pass --btf FILE with a BTF file for it");
		return TK_EXIT_FAIL;
	}
	if (tk_std.btf) {
		struct btf *btf = btf__parse(tk_std.btf, NULL);

		if (!btf) {
			tk_err("--btf %s: not a usable BTF file: %s", tk_std.btf, tk_strerror(errno));
			return TK_EXIT_USAGE;
		}
		btf__free(btf);
	}
	rt.ladder = tk_ladder__new(tk_std.attach, tk_std.btf, tool->optional);
	if (!rt.ladder)
		return TK_EXIT_FAIL;
	tk_ladder__set_joint(rt.ladder, tool->joint);
	ret = start(&rt);
	if (ret)
		goto cleanup;

	tk_out_init(stdout, tk_std.json, now_ns());
	tk_stack_init(rt.obj);
	events = bpf_object__find_map_by_name(rt.obj, "events");
	if (events && (tool->fields || tool->on_event)) {
		rt.rb = ring_buffer__new(bpf_map__fd(events), handle_event, &rt, NULL);
		if (!rt.rb) {
			tk_err("creating ring buffer: %s", strerror(errno));
			ret = TK_EXIT_FAIL;
			goto cleanup;
		}
	}
	rt.lost_map = bpf_object__find_map_by_name(rt.obj, "tk_lost");
	rt.ncpus = libbpf_num_possible_cpus();
	if (rt.ncpus < 1)
		rt.ncpus = 1;
	tk_ladder__report(rt.ladder);
	if (tool->fields && !tool->hist && !table_on(tool))
		tk_out_header(tool->fields);
	if (isatty(STDERR_FILENO) && !tk_std.json && summary_tool(tool))
		fprintf(stderr, "Tracing... Hit Ctrl-C to end.\n");
	ret = run_loop(&rt);
cleanup:
	ring_buffer__free(rt.rb);
	tk_stack_fini();
	tk_perf__free(rt.perf);
	tk_ladder__free(rt.ladder);
	if (rt.skel)
		tool->skel->destroy(rt.skel);
	return ret;
}
