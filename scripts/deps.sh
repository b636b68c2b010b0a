#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the Debian 12 packages a make target needs, only when some are missing.
# Usage: scripts/deps.sh GROUP... (build efi test fuzz qemu bench bios win net browser)
set -euo pipefail

pkgs=()
for g in "$@"; do
	case "$g" in
	build) pkgs+=(gcc make libc6-dev) ;;
	efi) pkgs+=(gcc make gnu-efi binutils gcc-multilib) ;;
	test) pkgs+=(gcc make libcmocka-dev libssl-dev openssl python3 pkg-config acpica-tools mandoc man-db mtools dosfstools) ;;
	fuzz) pkgs+=(clang libclang-rt-14-dev) ;;
	qemu) pkgs+=(qemu-system-x86 ovmf ovmf-ia32 mtools dosfstools openssl python3 sbsigntool) ;;
	bench) pkgs+=(acpica-tools) ;;
	# the zh-TW glyphs the UEFI app registers with the firmware, cut from GNU Unifont at build time
	font) pkgs+=(unifont python3) ;;
	# the BIOS kernel (32-bit libgcc), its boot chain on the stick (SYSLINUX's MBR, ldlinux,
	# mboot.c32), and SeaBIOS boots in QEMU (test-bios)
	bios) pkgs+=(gcc make binutils gcc-multilib syslinux syslinux-common mtools dosfstools seabios qemu-system-x86 python3) ;;
	# slicscan.exe (docs/WINDOWS.md): MinGW-w64 for x64 and x86, wine64 runs the x64 tests,
	# python3 drives them
	win) pkgs+=(mingw-w64 gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 binutils-mingw-w64-x86-64 binutils-mingw-w64-i686 wine wine64 python3) ;;
	# the network-boot scenarios (test-net): the collector the docs recommend (nginx with its
	# DAV module, which nginx-core has) and socat for QEMU's guestfwd to 127.0.0.1
	net) pkgs+=(nginx-core socat qemu-system-x86 ovmf python3) ;;
	# the fleet page rendered in a real browser (make test-fleet): headless Chromium, CJK fonts
	browser) pkgs+=(chromium fonts-noto-cjk python3) ;;
	*) echo "deps.sh: unknown group '$g'" >&2; exit 4 ;;
	esac
done
[ ${#pkgs[@]} -gt 0 ] || exit 0

missing=()
for p in "${pkgs[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0

# De-duplicate while keeping order.
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
echo "deps.sh: installing from Debian: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "deps.sh: not root and no sudo; install: ${missing[*]}" >&2; exit 4; }
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
