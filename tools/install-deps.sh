#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Install the Debian 12 packages Suanpan needs to build, run and test.
# Idempotent: installs only what is missing, runs `apt-get update` only when the
# package lists are absent or older than a day.
set -euo pipefail

PKGS=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev
  libsecret-1-dev libglib2.0-dev-bin gettext appstream desktop-file-utils
  xvfb xauth dbus-daemon gnome-keyring fonts-wqy-microhei
  sqlite3 jq python3 python3-jsonschema clang libclang-rt-14-dev imagemagick xdotool
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

lists_ok=0
if compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin +1440 -print -quit)" ]; then
    lists_ok=1
  fi
fi
if [ $lists_ok -eq 0 ]; then
  echo "install-deps: refreshing package lists"
  $SUDO apt-get update -qq
fi
echo "install-deps: installing ${missing[*]}"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
