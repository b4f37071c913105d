#!/usr/bin/env bash
# Proves that a change kept the published output byte for byte: builds the
# example school, a fresh `charter init` site and a generated 1,000-page
# site with the Charter of BASE (a git revision, default HEAD) and with the
# working tree, and compares the two outputs file by file.
#
#   scripts/same-output.sh              # working tree against HEAD
#   scripts/same-output.sh main~3       # against another revision
#   BASE_BIN=/tmp/charter-old scripts/same-output.sh   # reuse a built binary
#
# Exit 0 when every output is identical; 1 with the differing files listed.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=${1:-HEAD}
GEN=${GEN:-../shared/bench/gen_corpus.py}
WORK=$(mktemp -d /tmp/charter-same.XXXXXX)
trap 'git worktree remove --force "$WORK/base-src" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

cargo build --locked --quiet
NEW=$PWD/target/debug/charter
if [ -n "${BASE_BIN:-}" ]; then
    OLD=$BASE_BIN
else
    git worktree add --quiet --detach "$WORK/base-src" "$BASE"
    CARGO_TARGET_DIR=$PWD/target/same-output cargo build --locked --quiet \
        --manifest-path "$WORK/base-src/Cargo.toml" --bin charter
    OLD=$PWD/target/same-output/debug/charter
fi

# Sites: the example school, a fresh init site, a generated corpus.
mkdir -p "$WORK/sites"
cp -r charter.toml guidance.toml content agreements static "$WORK/sites/" 2>/dev/null
mkdir -p "$WORK/sites-example" && mv "$WORK/sites"/* "$WORK/sites-example/"
# themes/default is the built-in theme itself (build.rs embeds it): each
# binary uses its own, so only the repository's other themes are copied.
for t in themes/*/; do
    [ -d "$t" ] && [ "$t" != themes/default/ ] && mkdir -p "$WORK/sites-example/themes" \
        && cp -r "$t" "$WORK/sites-example/themes/"
done
"$NEW" init "$WORK/sites-init" >/dev/null
if [ -f "$GEN" ]; then
    python3 "$GEN" 1000 "$WORK/corpus" --engines charter >/dev/null
    corpus=$WORK/corpus/charter
else
    echo "same-output: generator not found at $GEN; skipping the 1,000-page site" >&2
    corpus=
fi

status=0
for site in "$WORK/sites-example" "$WORK/sites-init" $corpus; do
    for which in old new; do
        bin=$OLD; [ "$which" = new ] && bin=$NEW
        # Outside any git repository the "what changed" pages are off for
        # both, so only the binaries differ. Each builds from nothing: the
        # second would find the first's build cache and say it set it
        # aside (and an old binary has no `--no-cache`).
        rm -rf "$site/.charter-cache"
        SOURCE_DATE_EPOCH=1795000000 "$bin" -C "$site" build --today 2026-11-23 \
            -o "$WORK/out-$which" >/dev/null 2>"$WORK/log-$which" || true
    done
    name=$(basename "$site")
    if diff -r "$WORK/out-old" "$WORK/out-new" >"$WORK/diff" 2>&1 \
        && diff "$WORK/log-old" "$WORK/log-new" >/dev/null 2>&1; then
        echo "same: $name ($(find "$WORK/out-new" -type f | wc -l) files)"
    else
        echo "DIFFERENT: $name" >&2
        head -20 "$WORK/diff" >&2
        diff "$WORK/log-old" "$WORK/log-new" | head -10 >&2 || true
        status=1
    fi
    rm -rf "$WORK/out-old" "$WORK/out-new"
done
exit $status
