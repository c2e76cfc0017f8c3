// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* oomkill: trace OOM kills, the task that triggered each and its victim. */
#include <stdio.h>
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
	if (psz < 1024)
		return;		/* unknown: "-" and null */
	tk_set_uint(v, (e->anon_rss + e->file_rss + e->shmem_rss) / ((unsigned long)psz / 1024));
}

/* The victim's details: unknown ("-", null) on kernels that do not give them. */
#define IF(bit) .when = { TK_WHEN_ALL(EV, flags, (bit)) }
#define MEM IF(OOMKILL_F_MEM)

static bool load_known(const void *rec)
{
	(void)rec;
	return load_ok;
}

/* Text: the three averages as /proc/loadavg writes them. */
static void get_loadavg(const void *rec, struct tk_value *v, char *buf)
{
	(void)rec;
	tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "%.2f %.2f %.2f",
					   load.avg[0], load.avg[1], load.avg[2]));
}

#define LOAD_GETTER(name, i)						\
	static void get_##name(const void *rec, struct tk_value *v, char *buf)	\
	{								\
		(void)rec, (void)buf;					\
		v->kind = TK_V_DOUBLE;					\
		v->d = load.avg[i];					\
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
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16, IF(OOMKILL_F_COMM)),
	TK_FIELD_GET(get_pages, "rss_pages", "RSS_PAGES", 9, MEM),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, oom_score_adj, TK_FT_S32, "oom_score_adj", "ADJ", 5, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, total_vm, TK_FT_U64, "total_vm_kb", "VM_KB", 9, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, anon_rss, TK_FT_U64, "anon_rss_kb", "ANON_KB", 9, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, file_rss, TK_FT_U64, "file_rss_kb", "FILE_KB", 9, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, shmem_rss, TK_FT_U64, "shmem_rss_kb", "SHMEM_KB", 9, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, pgtables, TK_FT_U64, "pgtables_kb", "PGTBL_KB", 9, MEM, .flags = TK_F_EXT),
	TK_FIELD(EV, total_pages, TK_FT_U64, "total_pages", "TOTALPG", 9, IF(OOMKILL_F_TOTAL),
		 .flags = TK_F_EXT),
	TK_FIELD_GET(get_loadavg, "-", "LOADAVG", 0, .flags = TK_F_TEXT_ONLY, .present = load_known),
	TK_FIELD_GET(get_load1, "load_1m", "-", 0, .flags = TK_F_JSON_ONLY, .present = load_known),
	TK_FIELD_GET(get_load5, "load_5m", "-", 0, .flags = TK_F_JSON_ONLY, .present = load_known),
	TK_FIELD_GET(get_load15, "load_15m", "-", 0, .flags = TK_F_JSON_ONLY, .present = load_known),
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
