// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "attach.h"
#include "log.h"
#include "tk.h"

#define TRACEFS "/sys/kernel/tracing"
#define MAX_PROGS 64
#define MAX_BANS 32

enum rung { R_TP_BTF, R_RAW_TP, R_TP, R_FENTRY, R_KPROBE, R_OTHER };

static const struct {
	const char *prefix;	/* program name prefix */
	enum rung rung;
	bool exit;		/* return probe: pairs with other return probes */
} kinds[] = {
	/* longest prefixes first: "tp_btf_" before "tp_" */
	{ "tp_btf_", R_TP_BTF, false },
	{ "raw_tp_", R_RAW_TP, false },
	{ "tp_", R_TP, false },
	{ "fentry_", R_FENTRY, false },
	{ "fexit_", R_FENTRY, true },
	{ "kretprobe_", R_KPROBE, true },
	{ "kprobe_", R_KPROBE, false },
};

static const char *const rung_names[] = { "tp_btf", "raw_tp", "tracepoint", "fentry", "kprobe", "other" };

struct ban {
	char prog[64];
	int err;
	bool at_attach;
};

struct tk_ladder {
	const char *force;
	const char *btf_path;
	const char *const *optional;
	const char *const *joint;
	struct btf *btf;
	bool btf_tried;
	int fentry_ok;		/* -1 unknown, 0 no, 1 yes */
	int fentry_err;
	int kprobe_ok;
	struct ban bans[MAX_BANS];
	int nbans;
	struct bpf_link *links[MAX_PROGS];
	int nlinks;
	char used[1024];	/* "probe=rung ..." for -v */
};

struct tk_ladder *tk_ladder__new(const char *force, const char *btf_path,
				 const char *const *optional)
{
	struct tk_ladder *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->force = force;
	l->btf_path = btf_path;
	l->optional = optional;
	l->fentry_ok = -1;
	l->kprobe_ok = -1;
	return l;
}

void tk_ladder__set_joint(struct tk_ladder *l, const char *const *joint)
{
	l->joint = joint;
}

void tk_ladder__free(struct tk_ladder *l)
{
	if (!l)
		return;
	tk_ladder__detach(l);
	btf__free(l->btf);
	free(l);
}

/* Splits a program name into rung, direction and probe name. */
static enum rung prog_kind(const char *name, bool *exit, const char **probe)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = strlen(kinds[i].prefix);

		if (!strncmp(name, kinds[i].prefix, n)) {
			*exit = kinds[i].exit;
			*probe = name + n;
			return kinds[i].rung;
		}
	}
	*exit = false;
	*probe = name;
	return R_OTHER;
}

/* The attach target: the part of the section name after the first '/'. */
static const char *prog_target(const struct bpf_program *p)
{
	const char *sec = bpf_program__section_name(p);
	const char *slash = strchr(sec, '/');

	return slash ? slash + 1 : "";
}

/* Whether rung r is the rung --attach forces (tracepoint covers tp_btf,
 * raw_tp and tp). */
static bool rung_is_forced(const struct tk_ladder *l, enum rung r)
{
	if (!strcmp(l->force, "tracepoint"))
		return r <= R_TP;
	if (!strcmp(l->force, "fentry"))
		return r == R_FENTRY;
	return r == R_KPROBE;
}

/* With --attach, a probe that has a variant on the forced rung may use only
 * that rung; a probe without one keeps its whole ladder (so a tool that mixes
 * a tracepoint probe with a function probe is still tested on each rung).
 * has_forced says whether the probe being chosen has such a variant. */
static bool rung_forced_out(const struct tk_ladder *l, enum rung r, bool has_forced)
{
	if (!l->force || r == R_OTHER || !has_forced)
		return false;
	return !rung_is_forced(l, r);
}

static const struct btf *kernel_btf(struct tk_ladder *l)
{
	if (!l->btf_tried) {
		l->btf_tried = true;
		l->btf = l->btf_path ? btf__parse(l->btf_path, NULL) : btf__load_vmlinux_btf();
		if (!l->btf)
			l->btf = NULL;
	}
	return l->btf;
}

int tk_tracefs_ensure(const char **why)
{
	struct statfs sfs;

	if (statfs(TRACEFS, &sfs) == 0 && sfs.f_type == TRACEFS_MAGIC)
		return 0;
	if (access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return 0;
	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) == 0) {
		tk_info(1, "mounted tracefs at " TRACEFS);
		return 0;
	}
	if (errno == EPERM)
		*why = "tracefs is not mounted and mounting it needs root: "
		       "run as root, or 'mount -t tracefs tracefs " TRACEFS "'";
	else
		*why = "tracefs is not mounted and could not be mounted at " TRACEFS
		       " (kernel without CONFIG_TRACING?)";
	return -errno;
}

/* Can this kernel load and attach fentry programs?  Tried once with a
 * do-nothing program on a function the tool wants anyway. */
static bool fentry_works(struct tk_ladder *l, int btf_id)
{
	struct bpf_insn insns[] = {
		{ .code = 0xb7, .dst_reg = 0, .imm = 0 },	/* r0 = 0 */
		{ .code = 0x95 },				/* exit */
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts,
		.expected_attach_type = BPF_TRACE_FENTRY,
		.attach_btf_id = btf_id);
	int fd, link;

	if (l->fentry_ok >= 0)
		return l->fentry_ok;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "tk_probe", "GPL", insns, 2, &opts);
	if (fd < 0) {
		l->fentry_err = -errno;
		l->fentry_ok = 0;
		return false;
	}
	link = bpf_raw_tracepoint_open(NULL, fd);
	l->fentry_err = link < 0 ? -errno : 0;
	l->fentry_ok = link >= 0;
	if (link >= 0)
		close(link);
	close(fd);
	return l->fentry_ok;
}

static bool kprobes_work(struct tk_ladder *l)
{
	const char *why;

	if (l->kprobe_ok < 0) {
		l->kprobe_ok = access("/sys/bus/event_source/devices/kprobe/type", F_OK) == 0;
		if (!l->kprobe_ok && tk_tracefs_ensure(&why) == 0)
			l->kprobe_ok = access(TRACEFS "/kprobe_events", F_OK) == 0 ||
				       access("/sys/kernel/debug/tracing/kprobe_events", F_OK) == 0;
	}
	return l->kprobe_ok;
}

const char *tk_errno_hint(int err)
{
	if ((err == -EPERM || err == -EACCES) && geteuid() != 0)
		return " (needs CAP_BPF and CAP_PERFMON: run as root)";
	if (err == -EACCES || err == -EINVAL)
		return " (the verifier may have rejected it: rerun with -vv to see its log)";
	if (err == -EPERM)
		return " (kernel lockdown or a security module may forbid this)";
	return "";
}

static const struct ban *find_ban(const struct tk_ladder *l, const char *prog)
{
	for (int i = 0; i < l->nbans; i++)
		if (!strcmp(l->bans[i].prog, prog))
			return &l->bans[i];
	return NULL;
}

/* Whether variant p can work here; if not, writes the reason to why. */
static bool feasible(struct tk_ladder *l, const struct bpf_program *p, enum rung r,
		     char *why, size_t len)
{
	const char *target = prog_target(p);
	const struct ban *ban = find_ban(l, bpf_program__name(p));
	const struct btf *btf;
	char path[512], name[256];
	const char *msg;
	int id;

	if (ban) {
		snprintf(why, len, "failed to %s: %s%s", ban->at_attach ? "attach" : "load",
			 tk_strerror(ban->err), tk_errno_hint(ban->err));
		return false;
	}
	switch (r) {
	case R_TP_BTF:
	case R_RAW_TP:
		btf = kernel_btf(l);
		if (!btf) {
			snprintf(why, len, "kernel BTF is not available (pass --btf FILE)");
			return false;
		}
		snprintf(name, sizeof(name), "btf_trace_%s", target);
		if (btf__find_by_name_kind(btf, name, BTF_KIND_TYPEDEF) < 0) {
			snprintf(why, len, "tracepoint %s is not in this kernel", target);
			return false;
		}
		return true;
	case R_TP:
		if (tk_tracefs_ensure(&msg)) {
			snprintf(why, len, "%s", msg);
			return false;
		}
		snprintf(path, sizeof(path), TRACEFS "/events/%s", target);
		if (access(path, F_OK) && (errno == EACCES || errno == EPERM)) {
			snprintf(why, len, "tracefs is not readable: run as root");
			return false;
		}
		if (access(path, F_OK)) {
			snprintf(path, sizeof(path), "/sys/kernel/debug/tracing/events/%s", target);
			if (access(path, F_OK)) {
				snprintf(why, len, "tracepoint %s does not exist on this kernel", target);
				return false;
			}
		}
		return true;
	case R_FENTRY:
		btf = kernel_btf(l);
		id = btf ? btf__find_by_name_kind(btf, target, BTF_KIND_FUNC) : -1;
		if (id < 0) {
			snprintf(why, len, "function %s is not in the kernel's BTF", target);
			return false;
		}
		if (!fentry_works(l, id)) {
			snprintf(why, len, "fentry/fexit programs are not available on this kernel (%s)",
				 tk_strerror(l->fentry_err));
			return false;
		}
		return true;
	case R_KPROBE:
		if (!kprobes_work(l)) {
			snprintf(why, len, "kprobes are not available on this kernel "
				 "(no kprobe PMU, no kprobe_events; CONFIG_KPROBE_EVENTS)");
			return false;
		}
		return true;
	default:
		return true;
	}
}

/* True when probe is in the NULL-terminated list (which may be NULL). */
static bool listed(const char *const *list, const char *probe)
{
	for (int i = 0; list && list[i]; i++)
		if (!strcmp(list[i], probe))
			return true;
	return false;
}

static bool is_optional(const struct tk_ladder *l, const char *probe)
{
	return listed(l->optional, probe);
}

struct variant {
	struct bpf_program *prog;
	enum rung rung;
	bool exit;
	const char *probe;
};

/* Appends "rung: why" to the reasons a probe cannot be traced. */
static void add_reason(char *reasons, size_t len, enum rung r, const char *why)
{
	size_t used = strlen(reasons);

	snprintf(reasons + used, len - used, "%s%s: %s", used ? "; " : "", rung_names[r], why);
}

/* Chooses the rung of joint probe probe among the n variants v (both
 * directions): the first whose programs all can work, with an entry and an
 * exit program on the fentry and kprobe rungs; autoload off for the others.
 * Marks them all done.  Returns the rung, or R_OTHER with the reasons
 * appended to reasons. */
static enum rung select_joint(struct tk_ladder *l, struct variant *v, int n, bool *done,
			      const char *probe, bool has_forced, char *reasons, size_t len)
{
	enum rung best = R_OTHER;
	char why[256];

	for (enum rung r = R_TP_BTF; r < R_OTHER; r++) {
		bool ok = best == R_OTHER && !rung_forced_out(l, r, has_forced), entry = false, exit = false;
		int count = 0;

		for (int j = 0; j < n; j++) {
			if (v[j].rung != r || strcmp(v[j].probe, probe))
				continue;
			done[j] = true;
			count++;
			if (v[j].exit)
				exit = true;
			else
				entry = true;
			if (ok && !feasible(l, v[j].prog, r, why, sizeof(why))) {
				add_reason(reasons, len, r, why);
				ok = false;
			}
		}
		if (ok && count && r >= R_FENTRY && !(entry && exit)) {
			add_reason(reasons, len, r, "BUG: no entry and exit pair");
			ok = false;
		}
		if (ok && count) {
			best = r;
			continue;
		}
		for (int j = 0; j < n; j++)
			if (v[j].rung == r && !strcmp(v[j].probe, probe))
				bpf_program__set_autoload(v[j].prog, false);
	}
	return best;
}

int tk_ladder__select(struct tk_ladder *l, struct bpf_object *obj)
{
	struct variant v[MAX_PROGS];
	struct bpf_program *p;
	bool done[MAX_PROGS] = { false };
	int n = 0, nforced = 0;
	char probes[256] = "";

	l->used[0] = '\0';
	bpf_object__for_each_program(p, obj) {
		if (!bpf_program__autoload(p) || n == MAX_PROGS)
			continue;
		/* no variants to choose: common/perf.c attaches them */
		if (bpf_program__type(p) == BPF_PROG_TYPE_PERF_EVENT)
			continue;
		v[n].prog = p;
		v[n].rung = prog_kind(bpf_program__name(p), &v[n].exit, &v[n].probe);
		n++;
	}
	for (int i = 0; i < n; i++) {
		char reasons[1024] = "", why[256];
		int best = -1;
		bool has_forced = false, joint;

		if (done[i])
			continue;
		joint = listed(l->joint, v[i].probe);
		for (int j = i; l->force && j < n; j++)
			if ((joint || v[j].exit == v[i].exit) && !strcmp(v[j].probe, v[i].probe) &&
			    rung_is_forced(l, v[j].rung))
				has_forced = true;
		if (has_forced)
			nforced++;
		else if (l->force && strlen(probes) + strlen(v[i].probe) + 8 < sizeof(probes))
			snprintf(probes + strlen(probes), sizeof(probes) - strlen(probes), "%s'%s'",
				 probes[0] ? ", " : "", v[i].probe);
		if (joint) {
			enum rung r = select_joint(l, v, n, done, v[i].probe, has_forced, reasons,
						    sizeof(reasons));
			size_t used = strlen(l->used);

			if (r != R_OTHER) {
				snprintf(l->used + used, sizeof(l->used) - used, "%s%s=%s", used ? " " : "",
					 v[i].probe, rung_names[r]);
				continue;
			}
			goto none;
		}
		/* every variant of probe i, best rung first */
		for (enum rung r = R_TP_BTF; r <= R_OTHER; r++) {
			for (int j = i; j < n; j++) {
				if (done[j] || v[j].rung != r || v[j].exit != v[i].exit ||
				    strcmp(v[j].probe, v[i].probe))
					continue;
				if (best >= 0 || rung_forced_out(l, r, has_forced)) {
					bpf_program__set_autoload(v[j].prog, false);
					continue;
				}
				if (feasible(l, v[j].prog, r, why, sizeof(why))) {
					best = j;
					continue;
				}
				bpf_program__set_autoload(v[j].prog, false);
				add_reason(reasons, sizeof(reasons), r, why);
			}
		}
		for (int j = i; j < n; j++)
			if (v[j].exit == v[i].exit && !strcmp(v[j].probe, v[i].probe))
				done[j] = true;
		if (best >= 0) {
			size_t used = strlen(l->used);

			snprintf(l->used + used, sizeof(l->used) - used, "%s%s%s=%s", used ? " " : "",
				 v[i].probe, v[i].exit ? "(ret)" : "", rung_names[v[best].rung]);
			continue;
		}
none:
		if (is_optional(l, v[i].probe)) {
			tk_info(1, "skipping optional probe %s: %s", v[i].probe,
				reasons[0] ? reasons : "no variant allowed");
			continue;
		}
		tk_err("cannot trace %s: %s", v[i].probe, reasons[0] ? reasons : "no variant allowed");
		return -ENOENT;
	}
	if (l->force && n && !nforced) {
		/* the kernel matrix (tests/kernels/) counts this as "not applicable" */
		tk_err("--attach %s: this tool has no %s variant of any probe (%s)",
		       l->force, l->force, probes);
		return -ENOENT;
	}
	return 0;
}

static bool ban(struct tk_ladder *l, const char *prog, int err, bool at_attach)
{
	if (!prog || l->nbans == MAX_BANS || find_ban(l, prog))
		return false;
	snprintf(l->bans[l->nbans].prog, sizeof(l->bans[0].prog), "%s", prog);
	l->bans[l->nbans].err = err;
	l->bans[l->nbans].at_attach = at_attach;
	l->nbans++;
	tk_info(1, "program %s failed (%s); trying the next rung", prog, tk_strerror(err));
	return true;
}

bool tk_ladder__ban(struct tk_ladder *l, const char *prog, int err)
{
	return ban(l, prog, err, false);
}

/* True when probe has a variant other than prog that is not banned (for a
 * joint probe: on another rung). */
static bool has_alternative(struct tk_ladder *l, struct bpf_object *obj, struct bpf_program *prog)
{
	const char *probe, *other;
	bool exit, oexit, joint;
	struct bpf_program *p;
	enum rung r, orung;

	r = prog_kind(bpf_program__name(prog), &exit, &probe);
	joint = listed(l->joint, probe);
	bpf_object__for_each_program(p, obj) {
		if (p == prog || find_ban(l, bpf_program__name(p)))
			continue;
		orung = prog_kind(bpf_program__name(p), &oexit, &other);
		if (strcmp(other, probe))
			continue;
		/* a joint probe's alternative: another rung, either direction */
		if (joint ? orung != r : oexit == exit)
			return true;
	}
	return false;
}

int tk_ladder__attach(struct tk_ladder *l, struct bpf_object *obj)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj) {
		struct bpf_link *link;
		const char *probe;
		bool exit;
		int err;

		if (!bpf_program__autoload(p) || !bpf_program__autoattach(p))
			continue;	/* not loaded, or the tool attaches it (uprobes) */
		/* perf_event programs run on perf events common/perf.c opens */
		if (bpf_program__type(p) == BPF_PROG_TYPE_PERF_EVENT)
			continue;
		if (l->nlinks == MAX_PROGS) {
			tk_err("BUG: more than %d programs", MAX_PROGS);
			return -E2BIG;
		}
		link = bpf_program__attach(p);
		if (link) {
			l->links[l->nlinks++] = link;
			continue;
		}
		err = -errno;
		prog_kind(bpf_program__name(p), &exit, &probe);
		if (has_alternative(l, obj, p)) {
			ban(l, bpf_program__name(p), err, true);
			tk_ladder__detach(l);
			return -EAGAIN;
		}
		if (is_optional(l, probe)) {
			tk_info(1, "skipping optional probe %s: attach failed: %s", probe, tk_strerror(err));
			continue;
		}
		tk_err("cannot attach %s to %s: %s%s", bpf_program__name(p), bpf_program__section_name(p),
		       tk_strerror(err), tk_errno_hint(err));
		return err;
	}
	return 0;
}

void tk_probe_disable(struct bpf_object *obj, const char *probe)
{
	struct bpf_program *p;
	const char *name;
	bool exit;

	bpf_object__for_each_program(p, obj) {
		prog_kind(bpf_program__name(p), &exit, &name);
		if (!strcmp(name, probe))
			bpf_program__set_autoload(p, false);
	}
}

void tk_ladder__detach(struct tk_ladder *l)
{
	for (int i = 0; i < l->nlinks; i++)
		bpf_link__destroy(l->links[i]);
	l->nlinks = 0;
}

void tk_ladder__report(struct tk_ladder *l)
{
	/* tools of perf_event programs only: common/perf.c says what it attached */
	if (l->nlinks)
		tk_info(1, "attached %d programs: %s", l->nlinks, l->used);
}
