#!/usr/bin/env bash
# Installs what the print tests need (tests/print.rs, tests/agreements.rs):
# Debian's chromium, poppler-utils (pdfinfo, pdftotext) and fonts-liberation
# when they are missing, and playwright-core from tests/print/'s lockfile.
# Idempotent and quick when everything is there already. Run by
# scripts/test.sh before the Rust tests.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium poppler-utils fonts-liberation)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup-print: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "setup-print: node and npm are needed (Node.js 20 or later)" >&2
    exit 1
fi

# npm ci only when the lockfile changed since the last install.
stamp=tests/print/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ tests/print/package-lock.json -nt "$stamp" ] || [ ! -d tests/print/node_modules/playwright-core ]; then
    (cd tests/print && npm ci --no-audit --no-fund --loglevel=error)
fi
