#!/usr/bin/env bash
# What the test suite needs from the machine and cannot bring itself: the PostgreSQL 15 binaries
# (the web tests start their own private server from them, see tests/Evaluation.Web.Tests/Infrastructure).
# Debian's chromium and CJK fonts for the end-to-end tests (Playwright's own browser download cannot run here).
# Idempotent: does nothing when they are already installed.
set -euo pipefail

pg_bin=${EVALUATION_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$pg_bin/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "prereqs: PostgreSQL 15 binaries missing in $pg_bin; install postgresql-15 (as root) or set EVALUATION_PG_BIN" >&2
    exit 1
  fi
  echo "prereqs: installing postgresql-15 (binaries only; the tests start their own server)"
  # No default cluster and no service: nothing should listen on 5432 because of the tests.
  mkdir -p /etc/postgresql-common
  grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
    echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi
# The server refuses to run as root; as root the tests run it as this user.
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

# The end-to-end tests drive Debian's chromium headless; without CJK fonts Chinese renders as boxes in screenshots.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "prereqs: chromium or fonts-noto-cjk missing; install them (as root): apt-get install chromium fonts-noto-cjk" >&2
    exit 1
  fi
  echo "prereqs: installing chromium and fonts-noto-cjk (end-to-end tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi

# The evaluation report (src/Evaluation.Web/Features/Reports): PDFsharp embeds TrueType outlines only, so the PDF and the
# server-drawn charts use WenQuanYi Zen Hei (Noto CJK is CFF); its tests read the PDF back with poppler's pdftotext/pdftoppm.
if [ ! -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "prereqs: fonts-wqy-zenhei or poppler-utils missing; install them (as root): apt-get install fonts-wqy-zenhei poppler-utils" >&2
    exit 1
  fi
  echo "prereqs: installing fonts-wqy-zenhei and poppler-utils (evaluation report)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends fonts-wqy-zenhei poppler-utils >/dev/null
fi
# The API contract tests: Spectral lints the served OpenAPI document (package.json, locked in package-lock.json),
# and Kiota regenerates the C# client from it (.config/dotnet-tools.json). Both from their registries, pinned.
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/spectral ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "prereqs: npm ci (Spectral, for the API contract lint)"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi
dotnet tool restore >/dev/null
