/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* wakeuptime: blocked time is added up per struct tk_stack_key
 * (common/stackagg_abi.h) of the waker, with the woken task as target. */
#ifndef WAKEUPTIME_H
#define WAKEUPTIME_H

#include "stackagg_abi.h"

#endif
