#!/usr/bin/env bash
# Benchmarks `charter build` (and Hugo, when installed) on the same
# generated policy corpus, and prints a Markdown table for BENCHMARKS.md.
#
#   scripts/bench.sh                 # 1,000 and 10,000 pages, 5 runs each
#   SIZES="200" RUNS=1 scripts/bench.sh
#   BASELINE=/tmp/charter-old scripts/bench.sh   # also an older build, on
#                                                 # the same corpus
#
# The corpus comes from the workplace generator (GEN, default
# ../shared/bench/gen_corpus.py), which writes the same pages for Charter and
# Hugo. Wall time is the median of RUNS builds; memory is the peak resident
# set size reported by /usr/bin/time. Not a test: it prints, it never fails
# on a number.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
GEN=${GEN:-../shared/bench/gen_corpus.py}
WORK=${WORK:-$(mktemp -d /tmp/charter-bench.XXXXXX)}

[ -f "$GEN" ] || { echo "bench: generator not found at $GEN (set GEN=...)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 2; }

# CHARTER_BIN: a release binary already built (skips the build).
if [ -n "${CHARTER_BIN:-}" ]; then
    CHARTER=$CHARTER_BIN
else
    cargo build --release --locked --quiet
    CHARTER=$PWD/target/release/charter
fi
engines=charter
HUGO=$(command -v hugo || true)
[ -n "$HUGO" ] && engines=charter,hugo

# A trust of $2 schools of 200 policies each (20 of them the trust's,
# shared by every school) in $1, from a generated 200-page corpus: the
# same number of pages as one site of $2 × 200.
make_trust() {
    local out=$1 schools=$2 src=$WORK/corpus-200-school i d
    [ -d "$src" ] || python3 "$GEN" 200 "$src" --engines charter >/dev/null
    rm -rf "$out" && mkdir -p "$out/content/policies"
    echo 'name = "Benchmark Trust"' > "$out/trust.toml"
    ls "$src/charter/content/policies" | head -20 | while read -r f; do
        cp "$src/charter/content/policies/$f" "$out/content/policies/"
    done
    for i in $(seq -w 1 "$schools"); do
        d=$out/schools/school-$i
        mkdir -p "$d/content/policies"
        sed "s/^title = .*/title = \"School $i\"/" "$src/charter/charter.toml" > "$d/charter.toml"
        cp "$src/charter/content/_index.md" "$d/content/"
        ls "$src/charter/content/policies" | tail -n +21 | while read -r f; do
            cp "$src/charter/content/policies/$f" "$d/content/policies/"
        done
        printf '\n[[schools]]\nfolder = "schools/school-%s"\n' "$i" >> "$out/trust.toml"
    done
}

# Runs "$@" RUNS times; prints "median_seconds peak_kib".
measure() {
    local times=() mems=() out
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -o "$WORK/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
        out=$(tail -1 "$WORK/time.txt")
        times+=("${out% *}")
        mems+=("${out#* }")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    m=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$t $m"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(uname -sr)"
echo "Date: $(date -u +%Y-%m-%d); charter $(git rev-parse --short HEAD); ${HUGO:+$("$HUGO" version | cut -d' ' -f1-2)}"
echo
echo "| pages | engine | median wall (s) | pages/s | peak memory (MiB) | search index |"
echo "|---:|---|---:|---:|---:|---|"
for n in $SIZES; do
    dir="$WORK/corpus-$n"
    python3 "$GEN" "$n" "$dir" --engines "$engines" >/dev/null
    read -r t m < <(measure "$CHARTER" -C "$dir/charter" build --today 2026-11-23 -o "$dir/charter-out")
    pages=$(find "$dir/charter-out" -name '*.html' | wc -l)
    # The search index: all of it, and its largest file (what one search
    # word may cost a reader).
    index_bytes=$(cat "$dir/charter-out/search/index.json" "$dir"/charter-out/search/index/* | wc -c)
    index_files=$(( $(find "$dir/charter-out/search/index" -type f | wc -l) + 1 ))
    largest=$(find "$dir/charter-out/search/index" -type f -printf '%s\n' | sort -n | tail -1)
    index=$(awk -v b="$index_bytes" -v f="$index_files" -v l="$largest" 'BEGIN {printf "%.1f MB in %d files, largest %.0f KB", b/1e6, f, l/1e3}')
    echo "| $n | charter | $t | $(awk -v p="$pages" -v t="$t" 'BEGIN {printf "%.0f", p/t}') | $((m / 1024)) | $index |"
    # The same number of pages as a trust's schools (issue #19: no slower).
    if [ $((n % 200)) -eq 0 ] && [ "$n" -ge 400 ]; then
        make_trust "$dir/trust" $((n / 200))
        read -r t m < <(measure "$CHARTER" -C "$dir/trust" build --today 2026-11-23)
        pages=$(find "$dir/trust/schools" -path '*/public/*' -name '*.html' | wc -l)
        echo "| $n | charter, a trust of $((n / 200)) schools × 200 | $t | $(awk -v p="$pages" -v t="$t" 'BEGIN {printf "%.0f", p/t}') | $((m / 1024)) | one per school |"
        pages=$(find "$dir/charter-out" -name '*.html' | wc -l)
    fi
    if [ -n "${BASELINE:-}" ]; then
        read -r t m < <(measure "$BASELINE" -C "$dir/charter" build --today 2026-11-23 -o "$dir/baseline-out")
        echo "| $n | charter (baseline) | $t | $(awk -v p="$pages" -v t="$t" 'BEGIN {printf "%.0f", p/t}') | $((m / 1024)) | |"
    fi
    if [ -n "$HUGO" ]; then
        read -r t m < <(measure "$HUGO" --quiet -s "$dir/hugo" -d "$dir/hugo-out")
        pages=$(find "$dir/hugo-out" -name '*.html' | wc -l)
        echo "| $n | hugo | $t | $(awk -v p="$pages" -v t="$t" 'BEGIN {printf "%.0f", p/t}') | $((m / 1024)) | none |"
    fi
done
echo
echo "Reproduce: SIZES=\"$SIZES\" RUNS=$RUNS scripts/bench.sh   (corpora kept in $WORK)"
