#!/usr/bin/env bash
# The annals benchmark: generates records folders of N units (about 4·N
# record files) and times, side by side in one run, cat-ing every record file
# (the read floor), the Python peer (bench/peer.py: PyYAML + Jinja2, counts
# and renders a summary), check, build (md; md+html+docx) and a watch
# rebuild after a one-file edit, with peak memory. Times are medians.
# Usage: bench/run.sh [N ...]      (default: 250 2500 25000)
# Results go to stdout as a Markdown table; copy them into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin annals --example gen
annals=$PWD/target/release/annals
gen=$PWD/target/release/examples/gen
work=${BENCH_DIR:-/tmp/annals-bench}
runs=${BENCH_RUNS:-5}
python=${PYTHON:-python3}
mkdir -p "$work"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# median wall time in ms over $runs runs of "$@"
median() {
    local start end times=()
    for _ in $(seq "$runs"); do
        start=$(now_ms); "$@" >/dev/null 2>&1; end=$(now_ms)
        times+=($(( end - start )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# peak resident memory in MiB of one run of "$@"
peak() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%d", $1 / 1024 }'
}

cat_all() { find "$1" -type f \( -name '*.md' -o -name '*.yaml' \) -not -path '*/out/*' -print0 | xargs -0 cat >/dev/null; }

# median ms over $runs one-file edits until watch has rewritten the summary:
# edits alternate between a save in place and a save through a new file
# renamed over the old, each flipping an item's status; the new text is made
# before the clock starts, so that the time is watch's, not sed's
watch_latency() {
    local root=$1 summary=$1/out/summary.md next=$1.next before start times=()
    # Wait for watch's own first build, not a summary left by an earlier run.
    rm -rf "$root/out"
    "$annals" --root "$root" watch --report summary 2>/dev/null &
    local pid=$!
    until [ -s "$summary" ]; do sleep 0.05; done
    sleep 0.5
    local file
    file=$(find "$root/pledges" -name '*.md' | sort | head -n 1)
    for i in $(seq "$runs"); do
        if grep -q 'status: missed' "$file"; then
            sed '0,/status: missed/s//status: done/' "$file" > "$next"
        else
            sed '0,/status: done/s//status: missed/' "$file" > "$next"
        fi
        before=$(stat -c %i.%Y.%s "$summary")
        start=$(now_ms)
        if (( i % 2 )); then cat "$next" > "$file"; else mv "$next" "$file"; fi
        while [ "$(stat -c %i.%Y.%s "$summary")" = "$before" ]; do sleep 0.002; done
        times+=($(( $(now_ms) - start )))
        sleep 0.4
    done
    rm -f "$next"
    kill -INT "$pid"; wait "$pid" 2>/dev/null || true
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

echo "| units | record files | cat all (ms) | Python peer (ms) | check (ms) | build md (ms) | build md+html+docx (ms) | watch rebuild (ms) | peak MiB: peer / build md / all formats | build md ÷ cat | peer ÷ build md |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${@:-250 2500 25000}"; do
    for units in $n; do
        root=$work/n$units
        [ -d "$root" ] || "$gen" --units "$units" --out "$root" >/dev/null
        files=$(find "$root" -type f \( -name '*.md' -o -name '*.yaml' \) -not -path '*/out/*' | wc -l)
        cat_ms=$(median cat_all "$root")
        peer_ms=$(median "$python" bench/peer.py "$root" "$work/peer-$units.md")
        peer_mem=$(peak "$python" bench/peer.py "$root" "$work/peer-$units.md")
        md_mem=$(peak "$annals" --root "$root" build --out "$work/out-$units")
        check_ms=$(median "$annals" --root "$root" check)
        md_ms=$(median "$annals" --root "$root" build --out "$work/out-$units")
        all=(--format md --format html --format docx)
        all_ms=$(median "$annals" --root "$root" build "${all[@]}" --out "$work/out-$units")
        mem=$(peak "$annals" --root "$root" build "${all[@]}" --out "$work/out-$units")
        copy=$work/watch-$units
        rm -rf "$copy"; cp -r "$root" "$copy"
        watch_ms=$(watch_latency "$copy")
        rm -rf "$copy"
        ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }'; }
        echo "| $units | $files | $cat_ms | $peer_ms | $check_ms | $md_ms | $all_ms | $watch_ms | $peer_mem / $md_mem / $mem | $(ratio "$md_ms" "$cat_ms") | $(ratio "$peer_ms" "$md_ms") |"
    done
done
