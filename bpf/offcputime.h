/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* offcputime: off-CPU time is added up per struct tk_stack_key (common/stackagg_abi.h). */
#ifndef OFFCPUTIME_H
#define OFFCPUTIME_H

#include "stackagg_abi.h"

/* Which threads: cfg_threads */
enum offcputime_threads { OFFCPU_ALL, OFFCPU_USER, OFFCPU_KERNEL };

#endif
