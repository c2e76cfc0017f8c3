// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* futexctn: futex contention, a wait-time histogram per lock and process. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "escape.h"
#include "opts.h"
#include "futexctn.h"
#include "futexctn.skel.h"

static bool msecs;
static unsigned long long lock_addr, top;

static const char *parse_lock(const char *arg, void *dest)
{
	if (tk_parse_addr(arg, dest) || !*(unsigned long long *)dest)
		return "expected a non-zero address, 0x and hex digits or decimal";
	return NULL;
}

static const struct tk_option options[] = {
	{ "milliseconds", 'm', NULL, "Histogram in milliseconds (default: microseconds)",
	  TK_OPT_FLAG, &msecs },
	{ "lock", 'L', "ADDR", "Only the futex word at this user address (0x hex or decimal)",
	  TK_OPT_CALL, &lock_addr, .parse = parse_lock },
	{ "top", 0, "N", "Only the N locks with the longest total wait", TK_OPT_UINT, &top, 1, 0 },
	{ 0 },
};

#define ROW struct tk_hist_row
#define KEY struct futexctn_key

/* Nanoseconds to the histogram's unit. */
static unsigned long long in_unit(unsigned long long ns)
{
	return ns / (msecs ? 1000000 : 1000);
}

/* The address as a hex string, as the text label shows it. */
static void get_lock(const void *row, struct tk_value *v, char *buf)
{
	const KEY *k = tk_hist_row_key(row);

	tk_set_str(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "0x%llx", (unsigned long long)k->lock));
}

static void get_total(const void *row, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, in_unit(((const ROW *)row)->sum));
}

static const struct tk_field row_fields[] = {
	TK_HIST_KEY_FIELD(KEY, pid, TK_FT_U32, "pid", "PID"),
	TK_HIST_KEY_FIELD(KEY, comm, TK_FT_STR, "comm", "COMM"),
	TK_FIELD_GET(get_lock, "lock", "LOCK", 0),
	TK_FIELD(ROW, count, TK_FT_U64, "count", "COUNT", 0),
	TK_FIELD_GET(get_total, "total", "TOTAL", 0),
	{ 0 },
};

/* "comm[pid] lock 0x7f.. contended N times, avg X usecs" */
static bool row_label(const void *row, char *label, size_t len)
{
	const ROW *r = row;
	const KEY *k = tk_hist_row_key(row);
	char comm[4 * sizeof(k->comm) + 1];

	tk_escape_text(comm, sizeof(comm), k->comm, strnlen(k->comm, sizeof(k->comm)));
	snprintf(label, len, "%s[%u] lock 0x%llx contended %llu times, avg %llu %s", comm, k->pid,
		 (unsigned long long)k->lock, (unsigned long long)r->count,
		 r->count ? in_unit(r->sum / r->count) : 0, msecs ? "msecs" : "usecs");
	return true;
}

static struct tk_hist_spec hist = {
	.map = "hists",
	.unit = "usecs",
	.row_label = row_label,
	.row_fields = row_fields,
	.order = TK_HIST_BY_SUM,
};

static int setup(void *s)
{
	struct futexctn_bpf *skel = s;

	skel->rodata->cfg_msecs = msecs;
	skel->rodata->targ_lock = lock_addr;
	hist.unit = msecs ? "msecs" : "usecs";
	hist.limit = top;
	return 0;
}

TK_SKELETON(futexctn_bpf);

static const struct tk_tool tool = {
	.name = "futexctn",
	.summary = "Summarize futex wait (lock contention) times per lock and process.",
	.doc = "Examples:\n"
	       "  futexctn                  # histograms at Ctrl-C, longest total wait first\n"
	       "  futexctn -p 181 -m        # process 181 only, in milliseconds\n"
	       "  futexctn --top 5 1 10     # the 5 most waited-on locks, 1 s, 10 times\n"
	       "  futexctn -L 0x7f3a2c0010a0  # one lock only\n"
	       "  futexctn -j -d 10         # ten seconds, as JSON Lines\n"
	       "\nA lock is a futex word: every blocking futex wait counts (mutexes, condition\n"
	       "variables, semaphores, joins), each under the address it waited on.",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.hist = &hist,
};

TK_TOOL_MAIN(tool)
