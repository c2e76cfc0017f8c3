// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Perf events for perf_event programs, one per online CPU (common/perf.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "log.h"
#include "opts.h"
#include "perf.h"

#define ONLINE_FILE "/sys/devices/system/cpu/online"

struct tk_perf {
	struct bpf_link **links;
	int n, cap;
};

int tk_cpus_online(bool *online, int n)
{
	char buf[4096], *p, *end;
	int count = 0;
	FILE *f;

	memset(online, 0, (size_t)n * sizeof(*online));
	f = fopen(ONLINE_FILE, "r");
	if (!f)
		return -errno;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	/* a list of ranges: "0", "0-3", "0-3,5,7-8" */
	for (p = buf; *p && *p != '\n';) {
		unsigned long lo, hi;

		errno = 0;
		lo = strtoul(p, &end, 10);
		if (end == p || errno)
			return -EINVAL;
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			hi = strtoul(p, &end, 10);
			if (end == p || errno || hi < lo)
				return -EINVAL;
		}
		for (unsigned long i = lo; i <= hi && i < (unsigned long)n; i++) {
			count += !online[i];
			online[i] = true;
		}
		p = end;
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -EINVAL;
	}
	return count;
}

const char *tk_opt_cpu(const char *arg, void *dest)
{
	int ncpus = libbpf_num_possible_cpus();
	unsigned long long cpu;
	bool *online;
	bool ok;

	if (tk_parse_uint(arg, 0, 0, &cpu))
		return "expected a CPU number (0, 1, ...)";
	if (ncpus < 1 || cpu >= (unsigned long long)ncpus)
		return "no such CPU on this machine";
	online = calloc((size_t)ncpus, sizeof(*online));
	if (!online)
		return "out of memory";
	ok = tk_cpus_online(online, ncpus) < 0 || online[cpu];
	free(online);
	if (!ok)
		return "that CPU is offline";
	*(int *)dest = (int)cpu;
	return NULL;
}

static int perf_open(const struct tk_perf_spec *s, int cpu)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = s->type,
		.config = s->config,
	};
	int fd;

	if (s->freq) {
		attr.freq = 1;
		attr.sample_freq = s->freq;
	} else {
		attr.sample_period = s->period ? s->period : 1;
	}
	fd = (int)syscall(SYS_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int tk_perf_probe(__u32 type, __u64 config)
{
	struct tk_perf_spec s = { .type = type, .config = config, .period = 1000000 };
	int fd = perf_open(&s, 0);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* Says why event s could not be opened (err from perf_event_open). */
static void report_open(const struct tk_perf_spec *s, int cpu, int err)
{
	bool hw = s->type == PERF_TYPE_HARDWARE || s->type == PERF_TYPE_HW_CACHE ||
		  s->type == PERF_TYPE_RAW;

	if (hw && (err == -ENOENT || err == -EOPNOTSUPP || err == -ENODEV)) {
		if (tk_perf_probe(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES))
			tk_err("%s: hardware performance counters are not available on this machine "
			       "(no PMU; in a virtual machine, the hypervisor must expose one): "
			       "%s needs them", s->what, tk_tool_name());
		else
			tk_err("%s: this CPU's performance monitoring unit has no such event (%s)",
			       s->what, tk_strerror(err));
	} else if (err == -ENOENT || err == -EOPNOTSUPP || err == -ENODEV) {
		tk_err("%s: this perf event type is not available on this kernel (%s; "
		       "CONFIG_PERF_EVENTS?)", s->what, tk_strerror(err));
	} else if (err == -EACCES || err == -EPERM) {
		tk_err("%s: opening the perf event on CPU %d: %s (needs CAP_PERFMON or root; "
		       "see /proc/sys/kernel/perf_event_paranoid)", s->what, cpu, tk_strerror(err));
	} else {
		tk_err("%s: opening the perf event on CPU %d: %s", s->what, cpu, tk_strerror(err));
	}
}

static int add_link(struct tk_perf *p, struct bpf_link *link)
{
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 16;
		struct bpf_link **links = realloc(p->links, (size_t)cap * sizeof(*links));

		if (!links)
			return -ENOMEM;
		p->links = links;
		p->cap = cap;
	}
	p->links[p->n++] = link;
	return 0;
}

/* Attaches prog to event s on each CPU it asks for. */
static int attach_spec(struct tk_perf *p, const struct tk_perf_spec *s,
		       struct bpf_program *prog, const bool *online, int ncpus)
{
	int opened = 0, err;

	for (int cpu = 0; cpu < ncpus; cpu++) {
		struct bpf_link *link;
		int fd;

		if (s->cpu && *s->cpu >= 0 ? cpu != *s->cpu : !online[cpu])
			continue;
		fd = perf_open(s, cpu);
		if (fd < 0) {
			report_open(s, cpu, fd);
			return fd;
		}
		link = bpf_program__attach_perf_event(prog, fd);
		if (!link) {
			err = -errno;
			close(fd);
			tk_err("%s: attaching %s on CPU %d: %s", s->what, s->prog, cpu, tk_strerror(err));
			return err;
		}
		/* the link owns fd now: destroying it closes the event */
		err = add_link(p, link);
		if (err) {
			bpf_link__destroy(link);
			return err;
		}
		opened++;
	}
	if (!opened) {
		tk_err("%s: no online CPU to open the perf event on", s->what);
		return -ENODEV;
	}
	return 0;
}

int tk_perf__attach(const struct tk_perf_spec *specs, struct bpf_object *obj,
		    struct tk_perf **out)
{
	int ncpus = libbpf_num_possible_cpus(), err = 0, n;
	struct tk_perf *p = NULL;
	bool *online = NULL;

	*out = NULL;
	if (ncpus < 1)
		return ncpus < 0 ? ncpus : -EINVAL;
	p = calloc(1, sizeof(*p));
	online = calloc((size_t)ncpus, sizeof(*online));
	if (!p || !online) {
		err = -ENOMEM;
		goto cleanup;
	}
	n = tk_cpus_online(online, ncpus);
	if (n < 0) {
		tk_info(1, "reading " ONLINE_FILE ": %s; using every possible CPU", tk_strerror(n));
		for (int i = 0; i < ncpus; i++)
			online[i] = true;
	}
	for (const struct tk_perf_spec *s = specs; s && s->prog; s++) {
		struct bpf_program *prog = bpf_object__find_program_by_name(obj, s->prog);

		if (!prog) {
			tk_err("BUG: no BPF program named %s", s->prog);
			err = -ENOENT;
			goto cleanup;
		}
		if (!bpf_program__autoload(prog))
			continue;
		err = attach_spec(p, s, prog, online, ncpus);
		if (err)
			goto cleanup;
	}
	tk_info(1, "attached %d perf events", p->n);
	*out = p;
	p = NULL;
cleanup:
	tk_perf__free(p);
	free(online);
	return err;
}

void tk_perf__free(struct tk_perf *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		bpf_link__destroy(p->links[i]);
	free(p->links);
	free(p);
}
