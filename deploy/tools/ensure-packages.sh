#!/usr/bin/env bash
# Installs the system packages the project's tests and its benchmark need and the build does not bring, in groups:
#
#   office   LibreOffice Calc without a GUI (renders the XLSX export to PDF in reporting-service's
#            WorkbookRenderingTest), the Noto CJK fonts (the Chinese text has glyphs) and Carlito (metric-compatible
#            with Calibri, the workbook's default font, so that column widths and the print scale are the ones Excel
#            gives; without it LibreOffice measures with a wider fallback font).
#   browser  Chromium, driven headless by system-tests' BrowserCorsTest: a page from another origin calls the API as a
#            frontend does (CORS proven in a real browser, not only with curl).
#   bench    wrk (HTTP load with latency percentiles) and pgbench (package postgresql-client): the load tools of
#            benchmarks/run.sh, which drives the product with wrk and its SQL floor with pgbench. Not a test need:
#            the default (no argument) stays office and browser.
#
# Idempotent: installs only what is missing and does nothing when everything is there. Debian/Ubuntu (apt-get); uses
# sudo only when not root; runs `apt-get update` once, only when a package is not known to apt yet. Exit status 0 when
# everything asked for is installed, non-zero (with apt's output) otherwise.
#
#   deploy/tools/ensure-packages.sh            # both groups: what the tests need
#   deploy/tools/ensure-packages.sh browser    # only Chromium
#   deploy/tools/ensure-packages.sh bench      # wrk and pgbench (benchmarks/run.sh)
set -euo pipefail

GROUPS_WANTED=("$@")
[ ${#GROUPS_WANTED[@]} -eq 0 ] && GROUPS_WANTED=(office browser)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

MISSING=()
for group in "${GROUPS_WANTED[@]}"; do
  case "$group" in
    office)
      command -v soffice >/dev/null 2>&1 || MISSING+=(libreoffice-calc-nogui)
      installed fonts-noto-cjk || MISSING+=(fonts-noto-cjk)
      installed fonts-crosextra-carlito || MISSING+=(fonts-crosextra-carlito)
      ;;
    browser)
      command -v chromium >/dev/null 2>&1 || MISSING+=(chromium)
      ;;
    bench)
      command -v wrk >/dev/null 2>&1 || MISSING+=(wrk)
      command -v pgbench >/dev/null 2>&1 || MISSING+=(postgresql-client)
      ;;
    *)
      echo "ensure-packages: unknown group '$group' (office, browser, bench)" >&2
      exit 2
      ;;
  esac
done

if [ ${#MISSING[@]} -eq 0 ]; then
  echo "ensure-packages: ${GROUPS_WANTED[*]}: already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-packages: no apt-get on this machine; install by hand: ${MISSING[*]}" >&2
  exit 2
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "ensure-packages: not root and no sudo; run as root: apt-get install -y --no-install-recommends ${MISSING[*]}" >&2
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
for p in "${MISSING[@]}"; do
  if ! known "$p"; then
    echo "ensure-packages: $p not in apt's lists yet: apt-get update"
    "${SUDO[@]}" apt-get update -q
    break
  fi
done

start=$(date +%s)
echo "ensure-packages: apt-get install -y --no-install-recommends ${MISSING[*]}"
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${MISSING[@]}"
for group in "${GROUPS_WANTED[@]}"; do
  case "$group" in
    office) command -v soffice >/dev/null 2>&1 || { echo "ensure-packages: installed, but no soffice on PATH" >&2; exit 3; } ;;
    browser) command -v chromium >/dev/null 2>&1 || { echo "ensure-packages: installed, but no chromium on PATH" >&2; exit 3; } ;;
    bench) for tool in wrk pgbench; do
             command -v "$tool" >/dev/null 2>&1 || { echo "ensure-packages: installed, but no $tool on PATH" >&2; exit 3; }
           done ;;
  esac
done
echo "ensure-packages: done in $(( $(date +%s) - start )) s (${MISSING[*]})"
