# shellcheck shell=bash
# Helpers of the benchmarks (sourced by bench/evidence and bench/portfolio).
#
# Every figure is printed beside a reference measured in the same run on
# the same machine, so that the ratio means something wherever it runs.
#
#   ISMS_BIN    the program (default ./isms)
#   BENCH_DIR   where the files and stores go (default build/bench)
#   BENCH_RUNS  runs of each timing; the best is kept

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ISMS_BIN=${ISMS_BIN:-$bench_root/isms}
BENCH_DIR=${BENCH_DIR:-$bench_root/build/bench}
bench_failed=0

die() {
	echo "bench: $*" >&2
	exit 1
}

need() {
	command -v "$1" >/dev/null 2>&1 || die "$1 is missing (install it with scripts/install-deps)"
}

# now_ns: a monotonic-enough clock in nanoseconds.
now_ns() {
	date +%s%N
}

# elapsed T0 T1: seconds between two now_ns readings.
elapsed() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}

# seconds CMD...: run CMD (output discarded) and print its wall time.
seconds() {
	local t0 t1
	t0=$(now_ns)
	"$@" >/dev/null || die "failed: $*"
	t1=$(now_ns)
	elapsed "$t0" "$t1"
}

# best RUNS CMD...: the shortest wall time of RUNS runs of CMD.
best() {
	local runs=$1 t b=""
	shift
	for ((i = 0; i < runs; i++)); do
		t=$(seconds "$@")
		b=$(min "$b" "$t")
	done
	echo "$b"
}

# min A B: the smaller number ("" counts as none).
min() {
	if [[ -z $1 ]]; then
		echo "$2"
	else
		awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'
	fi
}

# calc EXPR: floating-point arithmetic.
calc() {
	awk "BEGIN { printf \"%.3f\n\", $1 }"
}

# peak_kb CMD...: the peak resident set size of CMD, in KiB.
peak_kb() {
	local out
	out=$(mktemp)
	/usr/bin/time -f %M -o "$out" "$@" >/dev/null || die "failed: $*"
	tail -n 1 "$out"
	rm -f "$out"
}

# check OK: sets $result to PASS or FAIL (OK is 1 or 0), remembering a
# failure for the exit status.
# shellcheck disable=SC2034  # read by the scripts that source this
check() {
	if [[ $1 == 1 ]]; then
		result=PASS
	else
		result=FAIL
		bench_failed=1
	fi
}

# holds EXPR: 1 when the awk condition holds, else 0.
holds() {
	awk "BEGIN { print (($1) ? 1 : 0) }"
}
