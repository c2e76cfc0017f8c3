/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* profile: samples are counted per struct tk_stack_key (common/stackagg_abi.h). */
#ifndef PROFILE_H
#define PROFILE_H

#include "stackagg_abi.h"

#endif
