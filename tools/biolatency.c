// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* biolatency: block I/O latency as log2 histograms. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "biolatency.h"
#include "biolatency.skel.h"

static bool msecs, queued, per_disk, per_flags;

static const struct tk_option options[] = {
	{ "milliseconds", 'm', NULL, "Histogram in milliseconds (default: microseconds)",
	  TK_OPT_FLAG, &msecs },
	{ "queued", 'Q', NULL, "Include time queued in the kernel (from insert, not issue)",
	  TK_OPT_FLAG, &queued },
	{ "disks", 'D', NULL, "One histogram per disk", TK_OPT_FLAG, &per_disk },
	{ "flags", 'F', NULL, "One histogram per I/O type and flag set", TK_OPT_FLAG, &per_flags },
	{ 0 },
};

/* Names of an op (REQ_OP_* of Linux 6.x; the first four never changed). */
static const char *op_name(unsigned int op)
{
	static const char *const names[] = {
		[0] = "Read", [1] = "Write", [2] = "Flush", [3] = "Discard",
		[5] = "SecureErase", [7] = "ZoneAppend", [9] = "WriteZeroes",
		[11] = "ZoneOpen", [13] = "ZoneClose", [15] = "ZoneFinish",
		[17] = "ZoneReset", [19] = "ZoneResetAll", [34] = "DrvIn", [35] = "DrvOut",
	};

	return op < sizeof(names) / sizeof(names[0]) ? names[op] : NULL;
}

/* BCC's style: flag prefixes before the op, "Sync-Write", "ReadAhead-Read". */
static void flags_name(__u32 flags, char *buf, size_t len)
{
	static const struct { __u32 bit; const char *name; } prefixes[] = {
		/* outermost first */
		{ BIO_F_NOWAIT, "NoWait" }, { BIO_F_BACKGROUND, "Background" },
		{ BIO_F_RAHEAD, "ReadAhead" }, { BIO_F_IDLE, "Idle" },
		{ BIO_F_NOMERGE, "NoMerge" }, { BIO_F_PRIO, "Priority" },
		{ BIO_F_PREFLUSH, "PreFlush" }, { BIO_F_FUA, "ForcedUnitAccess" },
		{ BIO_F_META, "Metadata" }, { BIO_F_SYNC, "Sync" },
	};
	const char *op = op_name(flags & BIO_OP_MASK);
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]) && used < len; i++)
		if (flags & prefixes[i].bit)
			used += (size_t)snprintf(buf + used, len - used, "%s-", prefixes[i].name);
	if (used >= len)
		return;
	if (op)
		snprintf(buf + used, len - used, "%s", op);
	else
		snprintf(buf + used, len - used, "Op%u", flags & BIO_OP_MASK);
}

/* "disk = vda" / {"disk":"vda"}, or "flags = Sync-Write" / {"flags":"Sync-Write"}. */
static bool key_label(const void *key, char *label, size_t len, const char **json_key,
		      struct tk_value *json_val, char *buf)
{
	const struct biolatency_key *k = key;

	if (per_disk) {
		tk_disk_name(k->dev, buf, TK_FIELD_BUF);
		*json_key = "disk";
	} else {
		flags_name(k->flags, buf, TK_FIELD_BUF);
		*json_key = "flags";
	}
	snprintf(label, len, "%s = %s", *json_key, buf);
	tk_set_str(json_val, buf, strlen(buf));
	return true;
}

/* The unit and the key depend on options, so the spec is filled in by setup. */
static const char *const label_keys[] = { "disk", "flags", NULL };
static struct tk_hist_spec hist = { .map = "hists", .unit = "usecs", .label_keys = label_keys };

static const char *check(void)
{
	if (per_disk && per_flags)
		return "-D/--disks and -F/--flags cannot be combined: pick one split";
	return NULL;
}

static int setup(void *s)
{
	struct biolatency_bpf *skel = s;

	skel->rodata->cfg_queued = queued;
	skel->rodata->cfg_msecs = msecs;
	skel->rodata->cfg_per_disk = per_disk;
	skel->rodata->cfg_per_flags = per_flags;
	if (!queued)
		tk_probe_disable(skel->obj, "block_rq_insert");
	hist.unit = msecs ? "msecs" : "usecs";
	hist.key_label = per_disk || per_flags ? key_label : NULL;
	return 0;
}

TK_SKELETON(biolatency_bpf);

static const struct tk_tool tool = {
	.name = "biolatency",
	.summary = "Summarize block device I/O latency as a histogram.",
	.doc = "Examples:\n"
	       "  biolatency                # histogram at Ctrl-C\n"
	       "  biolatency -mT 1 10       # msecs, every second with the time, 10 times\n"
	       "  biolatency -Q             # include time queued in the kernel\n"
	       "  biolatency -D             # one histogram per disk\n"
	       "  biolatency -F -j          # per I/O type and flags, as JSON Lines\n"
	       "\nThere is no process filter: requests are often issued and completed\n"
	       "outside the context of the process that asked for them.",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.hist = &hist,
};

TK_TOOL_MAIN(tool)
