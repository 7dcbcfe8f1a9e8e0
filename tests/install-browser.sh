#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work here)
# and need CJK fonts for screenshots. Installs them with apt when missing; does nothing otherwise.
#
# Never stops the README's test command: when it cannot install (no root, no sudo, no apt, apt
# fails) it says so in one line and exits 0; the browser tests then skip with that reason.
# The check reads fc-list's whole output into a variable first: `fc-list | grep -q` under
# pipefail is false whenever grep exits early and fc-list dies of SIGPIPE.
set -uo pipefail

CHROMIUM="${LVLIANG_CHROMIUM:-/usr/bin/chromium}"
FONT="Noto Sans CJK"

have_browser() {
  local fonts
  [ -x "$CHROMIUM" ] || return 1
  fonts="$(fc-list 2>/dev/null || true)"
  [[ "${fonts,,}" == *"${FONT,,}"* ]]
}

if have_browser; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "install-browser: cannot install chromium and fonts-noto-cjk (not root, no passwordless sudo); browser tests will be skipped" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: cannot install chromium and fonts-noto-cjk (no apt-get); browser tests will be skipped" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq >/dev/null 2>&1 &&
   $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null 2>&1 &&
   have_browser; then
  echo "install-browser: installed chromium and fonts-noto-cjk"
else
  echo "install-browser: apt-get could not install chromium and fonts-noto-cjk; browser tests will be skipped" >&2
fi
exit 0
