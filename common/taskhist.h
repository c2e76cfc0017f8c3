/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Labels of histograms split by task (struct tk_task_key, common/task_abi.h). */
#ifndef TK_TASKHIST_H
#define TK_TASKHIST_H

#include "tk.h"
#include "task_abi.h"

/* Every JSON key tk_task_hist() may add, NULL-terminated: a tool's
 * tk_hist_spec.label_keys, so --list-fields shows them. */
extern const char *const tk_task_hist_keys[];

/* Makes spec label the histograms of a map keyed by struct tk_task_key as
 * split says: text "pid = 123 comm" (tid), JSON "pid" (tid) and "comm";
 * text "pidns = 4026531836", JSON "pidns"; TK_SPLIT_NONE leaves one unlabelled histogram.  Call from the
 * setup hook. */
void tk_task_hist(struct tk_hist_spec *spec, enum tk_task_split split);

#endif
