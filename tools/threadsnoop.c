// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* threadsnoop: trace thread creation by pthread_create(). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "tk.h"
#include "stack.h"
#include "sym.h"
#include "uprobe.h"
#include "threadsnoop.h"
#include "threadsnoop.skel.h"

static const char *libc_opt;

static const struct tk_option options[] = {
	{ "libc", 0, "FILE", "The C library to probe (default: libc.so.6 of this system)",
	  TK_OPT_STR, &libc_opt },
	{ 0 },
};

#define EV struct threadsnoop_event

/* start_routine symbolized in the creating process: "name", "name+0x10",
 * or "[unknown] (file+0x1234)" */
static void get_func(const void *rec, struct tk_value *v, char *buf)
{
	static char text[1200];
	const EV *e = rec;
	struct tk_sym *s = tk_stack_symbolizer();
	struct tk_frame fr = { .addr = e->func };

	(void)buf;
	if (s)
		tk_sym__user(s, (int)e->pid, e->func, &fr);
	if (fr.sym && !fr.off)
		snprintf(text, sizeof(text), "%s", fr.sym);
	else if (fr.sym)
		snprintf(text, sizeof(text), "%s+0x%llx", fr.sym, fr.off);
	else
		tk_sym_format(&fr, text, sizeof(text));
	tk_set_str(v, text, strlen(text));
}

static void get_addr(const void *rec, struct tk_value *v, char *buf)
{
	int n = snprintf(buf, TK_FIELD_BUF, "0x%llx", (unsigned long long)((const EV *)rec)->func);

	tk_set_raw(v, buf, (size_t)n);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, ptid, TK_FT_U32, "ptid", "PTID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_addr, "func_addr", "ADDR", 18, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD_GET(get_func, "func", "FUNC", 0),
	{ 0 },
};

static int setup(void *s)
{
	struct threadsnoop_bpf *skel = s;

	/* attached by attach() below: the library path is only known here */
	bpf_program__set_autoattach(skel->progs.uprobe_pthread_create, false);
	bpf_program__set_autoattach(skel->progs.uretprobe_pthread_create, false);
	return 0;
}

static int attach(void *s)
{
	struct threadsnoop_bpf *skel = s;
	char found[PATH_MAX];
	const char *libc = libc_opt;
	int err;

	if (!libc) {
		if (tk_find_lib("libc.so.6", found, sizeof(found))) {
			tk_err("libc.so.6 not found in the usual library directories: pass --libc FILE");
			return -ENOENT;
		}
		libc = found;
	}
	err = tk_uprobe_attach(skel->progs.uprobe_pthread_create, libc, "pthread_create", false,
			       &skel->links.uprobe_pthread_create);
	if (!err)
		err = tk_uprobe_attach(skel->progs.uretprobe_pthread_create, libc, "pthread_create",
				       true, &skel->links.uretprobe_pthread_create);
	if (!err)
		tk_info(1, "uprobes on pthread_create in %s", libc);
	return err;
}

TK_SKELETON(threadsnoop_bpf);

static const struct tk_tool tool = {
	.name = "threadsnoop",
	.summary = "Trace thread creation by pthread_create().",
	.doc = "Examples:\n"
	       "  threadsnoop               # every new thread, with its start function\n"
	       "  threadsnoop -p 181        # threads created by PID 181\n"
	       "  threadsnoop -e -j         # with UID, creating TID and address, as JSON Lines\n"
	       "\nFUNC is symbolized when the line is printed: a process that has exited by\n"
	       "then shows [unknown].  Programs that do not use the probed libc (static\n"
	       "binaries, other C libraries) are not seen.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.attach = attach,
};

TK_TOOL_MAIN(tool)
