#!/usr/bin/env bash
# Runs one cargo-fuzz (libFuzzer) target of annals for a while.
#
#   fuzz/run.sh loader 600        # 10 minutes of the loader target
#   fuzz/run.sh markdown 600 -jobs=2 -workers=2   # more libFuzzer flags
#   FUZZ_SANITIZER=none fuzz/run.sh markdown 600  # no ASan: ~3x faster
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Seeds fuzz/corpus/TARGET/ from the sample data, the check fixtures, the
# golden reports and tests/fuzz-regressions/ before it starts; libFuzzer
# adds what it finds there. A crash is saved in fuzz/artifacts/TARGET/.
# See CONTRIBUTING.md, Fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: fuzz/run.sh loader|markdown [SECONDS] [LIBFUZZER FLAGS...]}
seconds=${2:-600}
shift $(( $# >= 2 ? 2 : 1 ))
case $target in
    loader | markdown) ;;
    *) echo "unknown target $target: loader or markdown" >&2; exit 2 ;;
esac

corpus=fuzz/corpus/$target
mkdir -p "$corpus"
seed() { # copies files under $1 named like $2 into the corpus, by content
    [ -d "$1" ] || return 0
    find "$1" -type f -name "$2" -not -path '*/out/*' -print0 |
        while IFS= read -r -d '' f; do
            cp "$f" "$corpus/seed-$(sha1sum <"$f" | cut -c1-16)"
        done
}
if [ "$target" = loader ]; then
    seed sample-data '*.yaml'
    seed sample-data '*.md'
    seed tests/fixtures '*.yaml'
    seed tests/fixtures '*.md'
else
    seed tests/golden '*.md'
    seed sample-data/narrative '*.md'
fi
seed tests/fuzz-regressions '*'

# AddressSanitizer by default; another sanitizer builds in its own folder.
sanitizer=${FUZZ_SANITIZER:-address}
build=(-s "$sanitizer")
[ "$sanitizer" = address ] || build+=(--target-dir "fuzz/target-$sanitizer")

exec cargo +nightly fuzz run "${build[@]}" "$target" "$corpus" -- \
    -dict="fuzz/dicts/$target.dict" \
    -max_total_time="$seconds" \
    -max_len=65536 \
    -timeout=10 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    "$@"
