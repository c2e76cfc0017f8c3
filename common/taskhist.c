// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Labels of histograms split by task (common/taskhist.h). */
#include <stdio.h>
#include <string.h>
#include "escape.h"
#include "taskhist.h"

const char *const tk_task_hist_keys[] = { "pid", "tid", "pidns", "comm", NULL };

#define K struct tk_task_key
static const struct tk_field pid_fields[] = {
	TK_HIST_KEY_FIELD(K, id, TK_FT_U32, "pid", "PID"),
	TK_HIST_KEY_FIELD(K, comm, TK_FT_STR, "comm", "COMM"),
	{ 0 },
};
static const struct tk_field tid_fields[] = {
	TK_HIST_KEY_FIELD(K, id, TK_FT_U32, "tid", "TID"),
	TK_HIST_KEY_FIELD(K, comm, TK_FT_STR, "comm", "COMM"),
	{ 0 },
};
static const struct tk_field pidns_fields[] = {
	TK_HIST_KEY_FIELD(K, id, TK_FT_U32, "pidns", "PIDNS"),
	{ 0 },
};
#undef K

/* The JSON key of the id, which is also the text label's name. */
static const char *id_name = "pid";

/* "pid = 123 comm", the comm escaped; "pidns = 4026531836" (no comm). */
static bool row_label(const void *row, char *label, size_t len)
{
	const struct tk_task_key *k = tk_hist_row_key(row);
	char comm[4 * TK_COMM_LEN + 1];

	tk_escape_text(comm, sizeof(comm), k->comm, strnlen(k->comm, sizeof(k->comm)));
	snprintf(label, len, "%s = %u%s%s", id_name, k->id, comm[0] ? " " : "", comm);
	return true;
}

void tk_task_hist(struct tk_hist_spec *spec, enum tk_task_split split)
{
	spec->row_label = split == TK_SPLIT_NONE ? NULL : row_label;
	switch (split) {
	case TK_SPLIT_PID:
		spec->row_fields = pid_fields;
		id_name = "pid";
		break;
	case TK_SPLIT_TID:
		spec->row_fields = tid_fields;
		id_name = "tid";
		break;
	case TK_SPLIT_PIDNS:
		spec->row_fields = pidns_fields;
		id_name = "pidns";
		break;
	default:
		spec->row_fields = NULL;
		break;
	}
}
