/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* cpudist: the histogram map is keyed by struct tk_task_key (common/task_abi.h). */
#ifndef CPUDIST_H
#define CPUDIST_H

#include "task_abi.h"

#endif
