#!/usr/bin/env bash
# Installs the system packages the project's tests need and the build does not bring: LibreOffice Calc without a GUI
# (renders the XLSX export to PDF in reporting-service's WorkbookRenderingTest), the Noto CJK fonts (the Chinese text
# has glyphs) and Carlito (metric-compatible with Calibri, the workbook's default font, so that column widths and the
# print scale are the ones Excel gives; without it LibreOffice measures with a wider fallback font).
#
# Idempotent: does nothing when `soffice` and the fonts are already there. Debian/Ubuntu (apt-get); uses sudo only
# when not root; runs `apt-get update` once, only when a package is not known to apt yet. Exit status 0 when
# everything is installed, non-zero (with apt's output) otherwise.
#
#   deploy/tools/ensure-packages.sh          # what the tests need
set -euo pipefail

PACKAGES=(libreoffice-calc-nogui fonts-noto-cjk fonts-crosextra-carlito)

have_fonts() {
  local p
  for p in fonts-noto-cjk fonts-crosextra-carlito; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

if command -v soffice >/dev/null 2>&1 && have_fonts; then
  echo "ensure-packages: soffice ($(command -v soffice)), Noto CJK and Carlito fonts already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-packages: no apt-get on this machine; install LibreOffice Calc (soffice) and Noto CJK fonts by hand" >&2
  exit 2
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "ensure-packages: not root and no sudo; run as root: apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
    exit 2
  fi
fi

export DEBIAN_FRONTEND=noninteractive
known() {
  # a package apt has a candidate for
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}
for p in "${PACKAGES[@]}"; do
  if ! known "$p"; then
    echo "ensure-packages: $p not in apt's lists yet: apt-get update"
    "${SUDO[@]}" apt-get update -q
    break
  fi
done

start=$(date +%s)
echo "ensure-packages: apt-get install -y --no-install-recommends ${PACKAGES[*]}"
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
command -v soffice >/dev/null 2>&1 || { echo "ensure-packages: installed, but no soffice on PATH" >&2; exit 3; }
echo "ensure-packages: done in $(( $(date +%s) - start )) s ($(command -v soffice))"
