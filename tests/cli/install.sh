#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# make install honours DESTDIR, PREFIX and APP_PREFIX, for every tool.
. "$(dirname "$0")/../lib.sh"
cd "$TK_ROOT" || exit 1
tools=$(make -s --no-print-directory list-tools)
dest=$T/root

make -s --no-print-directory install DESTDIR="$dest" PREFIX=/usr APP_PREFIX=bpf- \
	>"$T/install.out" 2>&1
t_check "make install exits 0" [ $? = 0 ]
for t in $tools; do
	t_check "$t installed as /usr/sbin/bpf-$t" [ -x "$dest/usr/sbin/bpf-$t" ]
	t_check "$t man page installed as bpf-$t.8" [ -f "$dest/usr/share/man/man8/bpf-$t.8" ]
	# the installed binary names itself as invoked
	"$dest/usr/sbin/bpf-$t" --bogus-option >/dev/null 2>"$T/err"
	t_check "bpf-$t names itself in messages" grep -q "^bpf-$t: " "$T/err"
done
for a in $(make -s --no-print-directory list-aliases); do
	t_check "alias ${a%%=*} installed as a symlink to bpf-${a#*=}" \
		[ "$(readlink "$dest/usr/sbin/bpf-${a%%=*}")" = "bpf-${a#*=}" ]
done
make -s --no-print-directory uninstall DESTDIR="$dest" PREFIX=/usr APP_PREFIX=bpf- >/dev/null 2>&1
t_check "make uninstall removes the tools (and alias links)" [ -z "$(find "$dest" ! -type d)" ]
t_done
