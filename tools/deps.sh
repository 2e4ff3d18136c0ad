#!/usr/bin/env bash
# deps.sh: install what heap2stack needs on Debian bookworm, if missing.
# Idempotent and quiet when everything is there. Needs root (or sudo).
set -euo pipefail
pkgs=(llvm-22-dev clang-22 llvm-22-tools libclang-rt-22-dev lld-22 cmake ninja-build libgc-dev python3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "heap2stack: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
