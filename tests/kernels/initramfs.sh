#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Builds the kernel matrix's initramfs (an uncompressed cpio: nothing to
# decompress under TCG) holding everything the end-to-end suite needs:
#   /init                 tests/kernels/guest-init.sh
#   dash as /bin/sh       the shell (see below why not busybox ash)
#   busybox (static)      the usual commands
#   jq setpriv unshare losetup timeout ... (+ TK_GUEST_BINS)   host binaries
#                         the tests use that busybox lacks or does
#                         differently, with the shared libraries ldd names
#   /tk/.output/bin/*     every built tool (whatever `make list-tools` says)
#   /tk/.output/tests/*   test helpers, test-only tools, fixtures/
#   /tk/tests/            the checkout's tests/ (lib.sh, run, every e2e/*.sh)
#   /lib/modules/tk/      KERNEL_DIR/modules (from fetch.sh), insmod in order
#   tests/kernels/initramfs.sh OUT.cpio KERNEL_DIR     (from the checkout's root)
set -eu
out=${1:?usage: initramfs.sh OUT.cpio KERNEL_DIR}
kdir=${2:?usage: initramfs.sh OUT.cpio KERNEL_DIR}
OUTPUT=${OUTPUT:-.output}
BUSYBOX=${BUSYBOX:-/bin/busybox}
# coreutils' timeout env nice setsid xargs: busybox's would run its own ash
# for "sh"; true: tests copy it as a trigger program (a busybox copy would
# not know its name).
# getconf, ip and tc (iproute2: netns, tbf), nsenter, nft (drops between
# namespaces), script (a tty for tcptop), join and taskset (hardirqs): tests
# use them.
BINS="jq setpriv unshare nsenter losetup timeout env nice setsid xargs true false getconf ip
tc nft script join taskset ${TK_GUEST_BINS-}"

if ldd "$BUSYBOX" >/dev/null 2>&1; then
	echo "initramfs.sh: $BUSYBOX is not static: install busybox-static" >&2
	exit 1
fi
root=$(mktemp -d "${TMPDIR:-/tmp}/tk-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"	# the guest's / (tests run commands as nobody)
mkdir -p "$root"/bin "$root"/sbin "$root"/usr/bin "$root"/usr/sbin "$root"/etc \
	"$root"/proc "$root"/sys "$root"/dev "$root"/tmp "$root"/run "$root"/root \
	"$root"/lib/modules/tk "$root"/tk/.output/bin "$root"/tk/.output/tests "$root"/tk/tests

cp "$BUSYBOX" "$root/bin/busybox"
for applet in $("$BUSYBOX" --list-full); do
	[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done

# copy_bin FILE [DEST]: FILE at DEST (default: the same path) plus its libraries
copy_bin() {
	dest=$root${2:-$1}
	mkdir -p "$(dirname "$dest")"
	rm -f "$dest"
	cp -L "$1" "$dest"
	ldd "$1" 2>/dev/null | sed -n 's|.*=> \(/[^ ]*\) .*|\1|p; s|^[[:space:]]*\(/[^ ]*\) .*|\1|p' |
	while read -r lib; do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# path_of NAME: the executable file NAME on PATH (not a shell builtin)
path_of() {
	_ifs=$IFS
	IFS=:
	for _d in $PATH; do
		if [ -f "$_d/$1" ] && [ -x "$_d/$1" ]; then
			IFS=$_ifs
			echo "$_d/$1"
			return 0
		fi
	done
	IFS=$_ifs
	return 1
}
# /bin/sh is the host's dash, not busybox ash: Debian's busybox-static runs
# its own applets before anything on PATH, which would shadow util-linux's
# setpriv, unshare and losetup (the tests use options busybox lacks).
copy_bin "$(path_of dash)" /bin/sh
for b in $BINS; do
	p=$(path_of "$b") || { echo "initramfs.sh: $b is not installed on the host" >&2; exit 1; }
	copy_bin "$p"
	# and in place of busybox's applet wherever that is (tests name /bin/true)
	for d in bin sbin usr/bin usr/sbin; do
		[ -L "$root/$d/$b" ] && [ "$d/$b" != "${p#/}" ] && ln -sf "$p" "$root/$d/$b"
	done
done
# libgcc_s: glibc dlopens it (pthread_exit, pthread_cancel), ldd does not name it
for f in /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1; do
	[ -e "$f" ] && [ ! -e "$root$f" ] && mkdir -p "$root${f%/*}" && cp -L "$f" "$root$f"
done
for f in "$OUTPUT"/bin/*; do
	if [ -L "$f" ]; then
		cp -P "$f" "$root/tk/$f"	# an alias stays a link (suite.sh skips it)
	elif [ -x "$f" ]; then
		copy_bin "$f" "/tk/$f"
	fi
done
for f in "$OUTPUT"/tests/*; do
	[ -f "$f" ] && [ -x "$f" ] && copy_bin "$f" "/tk/$f"
done
# workloads with known symbols (profile, offcputime, wakeuptime) and their
# debug roots; they need only libc
[ -d "$OUTPUT/tests/fixtures" ] && cp -r "$OUTPUT/tests/fixtures" "$root/tk/$OUTPUT/tests/"
cp -r tests "$root/tk/"
cp tests/kernels/guest-init.sh "$root/init"
chmod 755 "$root/init"
cp "$kdir"/modules/*.ko "$kdir"/modules/order "$root/lib/modules/tk/"

# the dynamic loader's cache, as on the host: without it every dynamically
# linked trigger program makes failed opens the tests would see (opensnoop -x)
mkdir -p "$root/etc/ld.so.conf.d"
printf '/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n' >"$root/etc/ld.so.conf.d/tk.conf"
echo 'include /etc/ld.so.conf.d/*.conf' >"$root/etc/ld.so.conf"
ldconfig -r "$root"

printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
	>"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
echo tkguest >"$root/etc/hostname"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out"
