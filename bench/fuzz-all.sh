#!/bin/sh
# bench/fuzz-all.sh [SECONDS] [TARGET...] — run every fuzz target (or those
# named) for SECONDS each (default 1800), one after the other on one core
# (FUZZ_JOBS=N for N processes per target), growing the corpora in
# tests/fuzz/corpus-*. Prints, per target: inputs executed, execs/s, inputs
# added to the corpus, peak RSS, and the line coverage of the code the
# target is about (a coverage build replaying the corpus afterwards).
# Exits 1 if any target found something (the crash-*, leak-*, timeout-* or
# oom-* files are left in a directory it names), 4 if clang is missing.
# Needs clang and llvm: scripts/setup.sh fuzz installs them and runs this.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-1800}
[ $# -gt 0 ] && shift
targets=${*:-manifest bundle registry pack laws geodb dns x509}
command -v clang >/dev/null || { echo "fuzz-all.sh: clang is needed (scripts/setup.sh fuzz)" >&2; exit 4; }
work=$(mktemp -d)
export FUZZ_BUILD="$work/bin"
findings=0
printf '%-9s %8s %12s %9s %7s %8s %10s  %s\n' target seconds executed "execs/s" added "RSS MiB" "lines" "result"
for t in $targets; do
	mkdir -p "$work/$t"
	rc=0
	(cd "$work/$t" && "$here/tests/fuzz/run-fuzz.sh" "$t" "$secs") > "$work/$t.log" 2>&1 || rc=$?
	stat() { sed -n "s/^stat::$1: *//p" "$work/$t.log" | tail -n 1; }
	ex=$(stat number_of_executed_units); ex=${ex:-0}
	rate=$(stat average_exec_per_sec); rate=${rate:-0}
	added=$(stat new_units_added); added=${added:-0}
	rss=$(stat peak_rss_mb); rss=${rss:-0}
	cov=$("$here/tests/fuzz/run-fuzz.sh" "$t" --coverage 2>/dev/null | awk '/^TOTAL/ {print $(NF-3)}')
	if [ "$rc" -ne 0 ] || ls "$work/$t" | grep -qE '^(crash|leak|timeout|oom|slow-unit)-'; then
		result="FINDING (see $work/$t, $work/$t.log)"
		findings=1
	else
		result=ok
	fi
	printf '%-9s %8s %12s %9s %7s %8s %10s  %s\n' "$t" "$secs" "$ex" "$rate" "$added" "$rss" "${cov:-?}" "$result"
done
if [ "$findings" = 0 ]; then
	rm -rf "$work"
	exit 0
fi
exit 1
