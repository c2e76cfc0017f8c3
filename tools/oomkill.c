// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* oomkill: trace OOM kills, the task that triggered each and its victim. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tk.h"
#include "output.h"
#include "oomkill.h"
#include "oomkill.skel.h"

/* The load when the current event is printed: one read per event. */
static struct tk_loadavg load;
static bool load_ok;

#define EV struct oomkill_event

/* Victim's resident pages (anon + file + shmem, which the kernel gives in kB). */
static void get_pages(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	long psz = sysconf(_SC_PAGESIZE);

	(void)buf;
	if (!(e->flags & OOMKILL_F_MEM) || psz < 1024)
		return;		/* unknown: "-" and null */
	tk_set_uint(v, (e->anon_rss + e->file_rss + e->shmem_rss) / ((unsigned long)psz / 1024));
}

static void get_comm(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;

	(void)buf;
	if (e->flags & OOMKILL_F_COMM)
		tk_set_str(v, e->comm, strnlen(e->comm, sizeof(e->comm)));
}

/* Getters of the victim's memory fields: unknown on kernels without them. */
#define MEM_GETTER(name, expr)						\
	static void get_##name(const void *rec, struct tk_value *v, char *buf)	\
	{								\
		const EV *e = rec;					\
		(void)buf;						\
		if (e->flags & OOMKILL_F_MEM)				\
			expr;						\
	}
MEM_GETTER(uid, tk_set_uint(v, e->uid))
MEM_GETTER(adj, tk_set_int(v, e->oom_score_adj))
MEM_GETTER(vm, tk_set_uint(v, e->total_vm))
MEM_GETTER(anon, tk_set_uint(v, e->anon_rss))
MEM_GETTER(file, tk_set_uint(v, e->file_rss))
MEM_GETTER(shmem, tk_set_uint(v, e->shmem_rss))
MEM_GETTER(pgtables, tk_set_uint(v, e->pgtables))

static void get_total(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;

	(void)buf;
	if (e->flags & OOMKILL_F_TOTAL)
		tk_set_uint(v, e->total_pages);
}

/* Text: the three averages as /proc/loadavg writes them. */
static void get_loadavg(const void *rec, struct tk_value *v, char *buf)
{
	(void)rec;
	if (load_ok)
		tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "%.2f %.2f %.2f",
						   load.avg[0], load.avg[1], load.avg[2]));
}

#define LOAD_GETTER(name, i)						\
	static void get_##name(const void *rec, struct tk_value *v, char *buf)	\
	{								\
		(void)rec, (void)buf;					\
		if (load_ok) {						\
			v->kind = TK_V_DOUBLE;				\
			v->d = load.avg[i];				\
		}							\
	}
LOAD_GETTER(load1, 0)
LOAD_GETTER(load5, 1)
LOAD_GETTER(load15, 2)

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, tpid, TK_FT_U32, "tpid", "TPID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, ttid, TK_FT_U32, "ttid", "TTID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, tcomm, TK_FT_STR, "tcomm", "TCOMM", 16),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_comm, "comm", "COMM", 16, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_pages, "pages", "PAGES", 7),
	TK_FIELD_GET(get_uid, "uid", "UID", 6, .flags = TK_F_EXT),
	TK_FIELD_GET(get_adj, "oom_score_adj", "ADJ", 5, .flags = TK_F_EXT),
	TK_FIELD_GET(get_vm, "total_vm_kb", "VM_KB", 9, .flags = TK_F_EXT),
	TK_FIELD_GET(get_anon, "anon_rss_kb", "ANON_KB", 9, .flags = TK_F_EXT),
	TK_FIELD_GET(get_file, "file_rss_kb", "FILE_KB", 9, .flags = TK_F_EXT),
	TK_FIELD_GET(get_shmem, "shmem_rss_kb", "SHMEM_KB", 9, .flags = TK_F_EXT),
	TK_FIELD_GET(get_pgtables, "pgtables_kb", "PGTBL_KB", 9, .flags = TK_F_EXT),
	TK_FIELD_GET(get_total, "total_pages", "TOTALPG", 9, .flags = TK_F_EXT),
	TK_FIELD_GET(get_loadavg, "-", "LOADAVG", 0, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_load1, "load_1m", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_load5, "load_5m", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_load15, "load_15m", "-", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

/* Reads the load once, then prints the record through the field table. */
static int on_event(const void *data, size_t size)
{
	if (size < sizeof(EV))
		return 0;
	load_ok = tk_loadavg(&load) == 0;
	tk_out_record(fields, data);
	return 0;
}

/* fentry or kprobes: not every kernel has them */
static const char *const optional[] = { "oom_kill_process", NULL };

TK_SKELETON(oomkill_bpf);

static const struct tk_tool tool = {
	.name = "oomkill",
	.summary = "Trace OOM kills: the task that triggered each, its victim, the load.",
	.doc = "Examples:\n"
	       "  oomkill                   # every OOM kill\n"
	       "  oomkill -e                # with the victim's uid, score and memory (kB)\n"
	       "  oomkill -j                # as JSON Lines\n"
	       "  oomkill -c /sys/fs/cgroup/app  # kills triggered by tasks of one cgroup\n"
	       "\nThe filters apply to the trigger, the task that ran the OOM killer.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_EXTENDED,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.on_event = on_event,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
