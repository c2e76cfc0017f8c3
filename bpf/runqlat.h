/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* runqlat: the histogram map is keyed by struct tk_task_key (common/task_abi.h). */
#ifndef RUNQLAT_H
#define RUNQLAT_H

#include "task_abi.h"

#endif
