#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Fetches a Debian kernel for the kernel matrix and caches it outside the
# checkout, in ${TK_KERNEL_CACHE:-~/.cache/tracekit/kernels}/<package>/:
#   vmlinux        the uncompressed kernel (qemu -kernel boots it under TCG)
#   modules/*.ko   the modules the guest needs (MODULES), decompressed, with
#                  their dependencies, and modules/order (insmod order)
#   release        uname -r
#   tests/kernels/fetch.sh SERIES     SERIES: 6.1 or 6.12
# Prints the cache directory.  Picks the newest package of the series that
# apt knows (apt-get update first on a fresh machine); a cached one is reused
# without network.  Never installs anything into /boot.
set -eu
series=${1:?usage: tests/kernels/fetch.sh 6.1|6.12}
CACHE=${TK_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracekit/kernels}
# loop: biolatency's test disk; virtio_pci, virtio_blk, crc32c_generic (ext4
# needs a crc32c at mount), ext4: the guest's
# scratch disk (TK_TEST_DISKDIR); veth, nf_tables, sch_tbf: the network
# tests' namespaces, drops and queues.  Extra ones: TK_GUEST_MODULES="name ...".
MODULES="loop virtio_pci virtio_blk crc32c_generic ext4 veth nf_tables sch_tbf ${TK_GUEST_MODULES-}"

case $series in
6.1) re='^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$' ;;
6.12) re='^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' ;;
*) echo "fetch.sh: unknown series '$series' (6.1, 6.12)" >&2; exit 2 ;;
esac

newest() {
	apt-cache search --names-only "$re" | cut -d' ' -f1 | sort -V | tail -n 1
}
pkg=$(newest)
if [ -z "$pkg" ]; then
	echo "fetch.sh: apt knows no $series kernel package; running apt-get update" >&2
	apt-get update -qq >&2 || true
	pkg=$(newest)
fi
if [ -z "$pkg" ]; then
	# offline: the newest cached one will do
	pkg=$(for f in "$CACHE"/*; do echo "${f##*/}"; done | grep -E "${re#^}" | sort -V | tail -n 1 || true)
	[ -n "$pkg" ] || { echo "fetch.sh: no $series kernel package in apt or in $CACHE" >&2; exit 1; }
fi
dir=$CACHE/$pkg
if [ -s "$dir/vmlinux" ] && [ -s "$dir/release" ] &&
   [ "$(cat "$dir/modules/wanted" 2>/dev/null)" = "$MODULES" ]; then
	echo "$dir"
	exit 0
fi

echo "fetch.sh: fetching $pkg into $dir" >&2
mkdir -p "$CACHE"
work=$(mktemp -d "$CACHE/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q "$pkg" >&2 2>"$work/apt.err") || {
	cat "$work/apt.err" >&2
	echo "fetch.sh: apt-get download $pkg failed" >&2
	exit 1
}
dpkg-deb -x "$work"/*.deb "$work/root"
vmlinuz=$(ls "$work"/root/boot/vmlinuz-*)
release=${vmlinuz##*/vmlinuz-}

# The bzImage holds the kernel compressed; find the stream by its magic and
# decompress until the data ends (trailing bytes make xz/zstd complain).
mkdir -p "$work/out/modules"
for fmt in xz zstd gzip; do
	case $fmt in
	xz) magic='\xfd7zXZ\x00' ;;
	zstd) magic='\x28\xb5\x2f\xfd' ;;
	gzip) magic='\x1f\x8b\x08' ;;
	esac
	for off in $(LC_ALL=C grep -obUaP "$magic" "$vmlinuz" | cut -d: -f1 | head -n 5); do
		tail -c +$((off + 1)) "$vmlinuz" | $fmt -dc >"$work/out/vmlinux" 2>/dev/null || true
		if [ "$(head -c 4 "$work/out/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ]; then
			break 2
		fi
	done
	rm -f "$work/out/vmlinux"
done
[ -s "$work/out/vmlinux" ] || { echo "fetch.sh: no ELF kernel found inside $vmlinuz" >&2; exit 1; }

# Modules and what they depend on (read from each module's .modinfo:
# the debs carry no modules.dep); dependencies first in modules/order.
moddir=$work/root/lib/modules/$release
: >"$work/out/modules/order"
add_module() {
	grep -qx "$1" "$work/out/modules/order" && return 0
	f=$(find "$moddir" -name "$1.ko" -o -name "$1.ko.xz" -o -name "$1.ko.zst" | head -n 1)
	if [ -z "$f" ]; then
		# built in?
		grep -q "/$1.ko" "$moddir/modules.builtin" 2>/dev/null && return 0
		echo "fetch.sh: module $1 not found in $pkg" >&2
		exit 1
	fi
	case $f in
	*.xz) xz -dc "$f" >"$work/out/modules/$1.ko" ;;
	*.zst) zstd -qdc "$f" >"$work/out/modules/$1.ko" ;;
	*) cp "$f" "$work/out/modules/$1.ko" ;;
	esac
	deps=$(tr '\0' '\n' <"$work/out/modules/$1.ko" | sed -n 's/^depends=//p' | tr ',' ' ')
	for d in $deps; do
		add_module "$d"
	done
	echo "$1" >>"$work/out/modules/order"
}
for m in $MODULES; do
	add_module "$m"
done
echo "$MODULES" >"$work/out/modules/wanted"
echo "$release" >"$work/out/release"
rm -rf "$dir"
mv "$work/out" "$dir"
echo "$dir"
