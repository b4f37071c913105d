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
# Hugo, and the workplace's `floor` (../shared/bench/floor: read every
# Markdown file, render it once, write it into its own folder; the limit a
# build is measured against). Cold runs start with no output folder and no
# build cache (set aside before each run, not timed: moved into
# $WORK/set-aside, which is deleted only once every run is timed: ext4
# without a journal skips, and reads the inode table for, every inode freed
# in the last 60-300 s each time it makes a file, which would add seconds
# to every engine's cold run); warm runs rebuild the
# site unchanged, then with one policy edited before each build. Wall and
# user CPU are medians of RUNS builds; memory is the peak resident set size
# reported by /usr/bin/time. Not a test: it prints, it never fails on a
# number.
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
# HUGO= (empty) leaves Hugo out, e.g. at sizes it cannot build in memory.
HUGO=${HUGO-$(command -v hugo || true)}
[ -n "$HUGO" ] && engines=charter,hugo

# FLOOR_BIN: the floor already built; else built from FLOOR_SRC.
FLOOR_SRC=${FLOOR_SRC:-../shared/bench/floor}
if [ -z "${FLOOR_BIN:-}" ] && [ -f "$FLOOR_SRC/Cargo.toml" ]; then
    cargo build --release --locked --quiet --manifest-path "$FLOOR_SRC/Cargo.toml" --target-dir "$WORK/floor-target"
    FLOOR_BIN=$WORK/floor-target/release/floor
fi

# A trust of $2 schools of 200 policies each (20 of them the trust's,
# shared by every school) in $1, from a generated 200-page corpus: the
# same number of pages as one site of $2 × 200.
make_trust() {
    local out=$1 schools=$2 src=$WORK/corpus-200-school i d
    [ -d "$src" ] || python3 "$GEN" 200 "$src" --engines charter >/dev/null
    rm -rf "$out" && mkdir -p "$out/content/policies"
    echo 'name = "Benchmark Trust"' > "$out/trust.toml"
    # An array, not `ls | head`: under pipefail, head closing the pipe
    # early kills ls with SIGPIPE and the script with it.
    local policies=("$src"/charter/content/policies/*.md)
    cp "${policies[@]:0:20}" "$out/content/policies/"
    for i in $(seq -w 1 "$schools"); do
        d=$out/schools/school-$i
        mkdir -p "$d/content/policies"
        sed "s/^title = .*/title = \"School $i\"/" "$src/charter/charter.toml" > "$d/charter.toml"
        cp "$src/charter/content/_index.md" "$d/content/"
        cp "${policies[@]:20}" "$d/content/policies/"
        printf '\n[[schools]]\nfolder = "schools/school-%s"\n' "$i" >> "$out/trust.toml"
    done
}

# Moves the paths given (globs allowed) out of the way, into $WORK/set-aside.
set_aside() {
    local p
    mkdir -p "$WORK/set-aside"
    for p in "$@"; do
        [ -e "$p" ] || continue
        mv "$p" "$(mktemp -d "$WORK/set-aside/XXXXXX")/"
    done
}

# Runs "$@" RUNS times, setting aside the folders OUT (a space-separated list
# of paths, globs allowed; empty for none) and running the command BEFORE (if
# set) before each run; prints
# "median_wall_seconds median_user_seconds median_peak_kib".
measure() {
    local out_dir=$1
    shift
    local walls=() users=() mems=() out run
    for run in $(seq "$RUNS"); do
        # shellcheck disable=SC2086 # a list of paths and globs
        [ -z "$out_dir" ] || set_aside $out_dir
        [ -z "${BEFORE:-}" ] || "$BEFORE" "$run"
        sync
        /usr/bin/time -o "$WORK/time.txt" -f "%e %U %M" "$@" >/dev/null 2>&1
        out=$(tail -1 "$WORK/time.txt")
        read -r w u m <<<"$out"
        walls+=("$w")
        users+=("$u")
        mems+=("$m")
    done
    echo "$(median "${walls[@]}") $(median "${users[@]}") $(median "${mems[@]}")"
}

median() {
    printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# One row of the table.
row() { # pages engine wall user kib pages_written index
    echo "| $1 | $2 | $3 | $4 | $(awk -v p="$6" -v t="$3" 'BEGIN {printf "%.0f", p/t}') | $(($5 / 1024)) | $7 |"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(uname -sr)"
echo "Date: $(date -u +%Y-%m-%d); charter $(git rev-parse --short HEAD); ${HUGO:+$("$HUGO" version | cut -d' ' -f1-2)}"
echo
echo "| pages | engine | median wall (s) | median user CPU (s) | pages/s | peak memory (MiB) | search index |"
echo "|---:|---|---:|---:|---:|---:|---|"
for n in $SIZES; do
    dir="$WORK/corpus-$n"
    [ -d "$dir/charter" ] || python3 "$GEN" "$n" "$dir" --engines "$engines" >/dev/null
    if [ -n "${FLOOR_BIN:-}" ]; then
        read -r t u m < <(measure "$dir/floor-out" env FLOOR_PRETTY=1 "$FLOOR_BIN" "$dir/charter/content" "$dir/floor-out")
        pages=$(find "$dir/floor-out" -name '*.html' | wc -l)
        row "$n" floor "$t" "$u" "$m" "$pages" none
    fi
    # Cold: no output and no build cache.
    read -r t u m < <(measure "$dir/charter-out $dir/charter/.charter-cache" "$CHARTER" -C "$dir/charter" build --today 2026-11-23 -o "$dir/charter-out")
    pages=$(find "$dir/charter-out" -name '*.html' | wc -l)
    # The search index: all of it, and its largest file (what one search
    # word may cost a reader).
    index_bytes=$(cat "$dir/charter-out/search/index.json" "$dir"/charter-out/search/index/* | wc -c)
    index_files=$(( $(find "$dir/charter-out/search/index" -type f | wc -l) + 1 ))
    largest=$(find "$dir/charter-out/search/index" -type f -printf '%s\n' | sort -n | tail -1)
    index=$(awk -v b="$index_bytes" -v f="$index_files" -v l="$largest" 'BEGIN {printf "%.1f MB in %d files, largest %.0f KB", b/1e6, f, l/1e3}')
    row "$n" charter "$t" "$u" "$m" "$pages" "$index"
    # Warm: the same site built again, output and cache kept; then with
    # one policy edited before each build (a sentence added to its end).
    build=("$CHARTER" -C "$dir/charter" build --today 2026-11-23 -o "$dir/charter-out")
    read -r t u m < <(measure "" "${build[@]}")
    row "$n" "charter, unchanged rebuild" "$t" "$u" "$m" "$pages" ""
    local_policies=("$dir"/charter/content/policies/*.md)
    edited=${local_policies[0]}
    cp "$edited" "$WORK/edited.md"
    edit_one() { cp "$WORK/edited.md" "$edited"; printf '\nEdited before run %s.\n' "$1" >> "$edited"; }
    read -r t u m < <(BEFORE=edit_one measure "" "${build[@]}")
    cp "$WORK/edited.md" "$edited"
    row "$n" "charter, one policy edited" "$t" "$u" "$m" "$pages" ""
    # The same number of pages as a trust's schools (issue #19: no slower).
    if [ $((n % 200)) -eq 0 ] && [ "$n" -ge 400 ]; then
        make_trust "$dir/trust" $((n / 200))
        read -r t u m < <(measure "$dir/trust/public $dir/trust/schools/*/public" "$CHARTER" -C "$dir/trust" build --today 2026-11-23)
        trust_pages=$(find "$dir/trust/schools" -path '*/public/*' -name '*.html' | wc -l)
        row "$n" "charter, a trust of $((n / 200)) schools × 200" "$t" "$u" "$m" "$trust_pages" "one per school"
    fi
    if [ -n "${BASELINE:-}" ]; then
        # Cold too: a baseline with a build cache would find its own
        # outlines from its run before.
        read -r t u m < <(measure "$dir/baseline-out $dir/charter/.charter-cache" "$BASELINE" -C "$dir/charter" build --today 2026-11-23 -o "$dir/baseline-out")
        row "$n" "charter (baseline)" "$t" "$u" "$m" "$pages" ""
    fi
    if [ -n "$HUGO" ]; then
        read -r t u m < <(measure "$dir/hugo-out" "$HUGO" --quiet -s "$dir/hugo" -d "$dir/hugo-out")
        pages=$(find "$dir/hugo-out" -name '*.html' | wc -l)
        row "$n" hugo "$t" "$u" "$m" "$pages" none
    fi
done
# Deleting them makes the next minutes of file creation slow (see the
# top): wait about five minutes before running the bench again.
rm -rf "$WORK/set-aside"
echo
echo "Reproduce: SIZES=\"$SIZES\" RUNS=$RUNS scripts/bench.sh   (corpora kept in $WORK)"
