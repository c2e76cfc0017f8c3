/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Capturing what common/output.c writes, for unit tests.  Output goes to a
 * temporary file: tk_out_init() gives the stream its own buffer, which a
 * memory stream (open_memstream) does not allow.
 *   capture(json, start_ns); ...print...; s = captured();
 * captured() returns the text written since capture(), valid until the next
 * captured() call.
 */
#ifndef TK_TEST_CAPTURE_H
#define TK_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include "output.h"
#include "tap.h"

static char *capture_mem;
static FILE *capture_file;

static void capture(bool json, unsigned long long start_ns)
{
	capture_file = tmpfile();
	if (!capture_file) {
		perror("tmpfile");
		exit(1);
	}
	tk_out_init(capture_file, json, start_ns);
}

static const char *captured(void)
{
	long n;

	is_int(tk_out_flush(), 0, "tk_out_flush returns 0");
	n = ftell(capture_file);
	free(capture_mem);
	capture_mem = calloc(1, (size_t)n + 1);
	rewind(capture_file);
	if (!capture_mem || fread(capture_mem, 1, (size_t)n, capture_file) != (size_t)n) {
		perror("reading back");
		exit(1);
	}
	fclose(capture_file);
	return capture_mem;
}

#endif
