// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Unit tests of common/attach.c's joint probes, on capable's BPF object
 * (cap_capable: tp_btf, raw_tp and tp programs, fentry+fexit and
 * kprobe+kretprobe pairs), opened but not loaded: which programs the ladder
 * leaves on, with some variants banned, or why it gives up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "attach.h"
#include "tap.h"

static const char *const joint[] = { "cap_capable", NULL };
static const char *const progs[] = {
	"tp_btf_cap_capable", "raw_tp_cap_capable", "tp_cap_capable", "fentry_cap_capable",
	"fexit_cap_capable", "kprobe_cap_capable", "kretprobe_cap_capable",
};
#define NPROGS (sizeof(progs) / sizeof(progs[0]))

static char path[4096], err_text[4096];

/* The programs whose autoload is on, as "name name ...". */
static const char *loaded(struct bpf_object *obj)
{
	static char buf[512];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NPROGS; i++) {
		struct bpf_program *p = bpf_object__find_program_by_name(obj, progs[i]);

		if (p && bpf_program__autoload(p))
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
						 used ? " " : "", progs[i]);
	}
	return buf;
}

/* Opens the object, bans the first nban programs, selects with force;
 * returns select's result, the stderr text in err_text, the object in *obj. */
static int select_with(const char *force, size_t nban, struct bpf_object **obj)
{
	struct tk_ladder *l = tk_ladder__new(force, NULL, NULL);
	FILE *tmp = tmpfile();
	int saved = dup(2), r;
	size_t n;

	*obj = bpf_object__open_file(path, NULL);
	if (!l || !*obj || !tmp || saved < 0) {
		fprintf(stderr, "test_attach: cannot open %s\n", path);
		exit(1);
	}
	tk_ladder__set_joint(l, joint);
	for (size_t i = 0; i < nban; i++)
		tk_ladder__ban(l, progs[i], -EINVAL);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	r = tk_ladder__select(l, *obj);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(err_text, 1, sizeof(err_text) - 1, tmp);
	err_text[n] = '\0';
	fclose(tmp);
	tk_ladder__free(l);
	return r;
}

int main(void)
{
	const char *root = getenv("TK_ROOT");
	struct bpf_object *obj;
	const char *got;
	int r;

	snprintf(path, sizeof(path), "%s/.output/bpf/capable.bpf.o", root ? root : ".");
	libbpf_set_print(NULL);

	r = select_with(NULL, 0, &obj);
	is_int(r, 0, "joint probe: selected");
	is_str(loaded(obj), "tp_btf_cap_capable", "joint probe: tp_btf alone, no fexit/kretprobe");
	bpf_object__close(obj);

	if (geteuid() == 0) {
		r = select_with(NULL, 2, &obj);
		is_int(r, 0, "tp_btf and raw_tp banned: selected");
		is_str(loaded(obj), "tp_cap_capable", "tp_btf and raw_tp banned: the tracefs tracepoint");
		bpf_object__close(obj);
	} else {
		diag("not root: the tracefs rung is not tried");
	}

	/* every tracepoint form banned: a whole pair, or why none works */
	r = select_with(NULL, 3, &obj);
	got = loaded(obj);
	if (r == 0)
		ok(!strcmp(got, "fentry_cap_capable fexit_cap_capable") ||
		   !strcmp(got, "kprobe_cap_capable kretprobe_cap_capable"),
		   "tracepoints banned: an entry+exit pair (%s)", got);
	else
		ok(r == -ENOENT && strstr(err_text, "cannot trace cap_capable: tp_btf: failed to load") &&
		   strstr(err_text, "; fentry: ") && strstr(err_text, "; kprobe: ") && !*got,
		   "tracepoints banned, no pair works: every rung named (%.*s)",
		   (int)strcspn(err_text, "\n"), err_text);
	bpf_object__close(obj);

	/* forced rungs: a whole pair or nothing */
	r = select_with("fentry", 0, &obj);
	got = loaded(obj);
	ok(r == 0 ? !strcmp(got, "fentry_cap_capable fexit_cap_capable") :
		    r == -ENOENT && strstr(err_text, "cannot trace cap_capable: fentry: ") != NULL,
	   "--attach fentry: the fentry pair or why not (%s%.*s)", got,
	   (int)strcspn(err_text, "\n"), err_text);
	bpf_object__close(obj);
	r = select_with("tracepoint", 0, &obj);
	is_str(loaded(obj), "tp_btf_cap_capable", "--attach tracepoint: tp_btf");
	bpf_object__close(obj);
	return done_testing();
}
