#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Installs the Debian packages tracekit needs to build and test, and says
# which ones it installs.  Does nothing when all are present.
#   scripts/install-deps.sh [--print] [--kernels]
#     --print     only list what is missing
#     --kernels   also what `make check-kernels` needs: qemu-system-x86 (boots
#                 the test kernels under TCG), busybox-static (the guest's
#                 shell and tools), xz-utils and zstd (unpack kernels/modules)
set -eu
print=no
kernels=no
for arg in "$@"; do
	case $arg in
	--print) print=yes ;;
	--kernels) kernels=yes ;;
	*) echo "install-deps: unknown option '$arg' (--print, --kernels)" >&2; exit 2 ;;
	esac
done

# command or file that shows the package is there, and the package
BUILD="make:make gcc:gcc clang:clang bpftool:bpftool pkg-config:pkg-config
/usr/include/bpf/libbpf.h:libbpf-dev /usr/include/libelf.h:libelf-dev /usr/include/zlib.h:zlib1g-dev"
TEST="jq:jq mandoc:mandoc losetup:mount dd:coreutils nft:nftables script:bsdutils"
KERNELS=
[ $kernels = yes ] && KERNELS="qemu-system-x86_64:qemu-system-x86 /bin/busybox:busybox-static
xz:xz-utils zstd:zstd cpio:cpio"

missing=""
for pair in $BUILD $TEST $KERNELS; do
	what=${pair%%:*}
	pkg=${pair#*:}
	case $what in
	/*) [ -e "$what" ] && continue ;;
	*) command -v "$what" >/dev/null 2>&1 && continue ;;
	esac
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
done

if [ -z "$missing" ]; then
	echo "install-deps: build and test dependencies are present"
	exit 0
fi
if [ $print = yes ]; then
	echo "install-deps: missing:$missing"
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-deps: missing:$missing; install them with your package manager" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing:$missing; run as root or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: installed:$missing"
