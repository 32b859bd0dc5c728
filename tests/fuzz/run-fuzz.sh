#!/bin/sh
# run-fuzz.sh TARGET [SECONDS]   fuzz one target with libFuzzer (clang,
#                                ASan+UBSan) for SECONDS (default 120),
#                                growing tests/fuzz/corpus-TARGET; findings
#                                are written as crash-*/leak-*/timeout-* in
#                                the current directory, and the run fails.
# run-fuzz.sh TARGET --merge     minimise the corpus (keep the inputs that
#                                add coverage; seed-* inputs are kept).
# run-fuzz.sh TARGET --coverage  replay the corpus in a coverage build and
#                                print line and branch coverage of the code
#                                the target is about.
#
# TARGET: manifest bundle registry pack laws geodb dns x509 ledger (tests/fuzz/
# fuzz-TARGET.c). Needs clang and llvm (scripts/setup.sh fuzz installs
# them). The suite replays every corpus without libFuzzer (meson.build).
# Environment: FUZZ_JOBS (parallel fuzzing processes, default 1),
# FUZZ_BUILD (directory to keep the binaries in between runs).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
[ $# -ge 1 ] || usage
target=$1
mode=${2:-120}
[ -f "$here/fuzz-$target.c" ] || { echo "run-fuzz.sh: no target '$target'" >&2; usage; }
command -v clang >/dev/null || { echo "run-fuzz.sh: clang is needed (scripts/setup.sh fuzz)" >&2; exit 4; }

if [ -n "${FUZZ_BUILD:-}" ]; then
	out=$FUZZ_BUILD
	mkdir -p "$out"
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
cat > "$out/sc-config.h" <<H
#define SC_VERSION "fuzz"
#define SC_DATADIR "$top"
#define SC_SRCDIR "$top"
H
srcs=$(find "$top/core" -name '*.c' | sort)
incs=$(find "$top/core" -type d | sed 's/^/-I/')
libs=$(pkg-config --cflags --libs yaml-0.1 ldns libmaxminddb openssl jansson)

# build NAME FLAGS...: the target with the given instrumentation, rebuilt
# when a source is newer than the binary.
build() {
	name=$1; shift
	bin=$out/$name
	if [ -x "$bin" ] && [ -z "$(find "$top/core" "$here" -newer "$bin" -name '*.[ch]' | head -n 1)" ]; then
		return
	fi
	echo "run-fuzz.sh: building $name" >&2
	# shellcheck disable=SC2086
	clang -g -O1 -std=c17 -D_POSIX_C_SOURCE=200809L "$@" \
		-I"$out" $incs "$here/fuzz-$target.c" $srcs $libs -lm -o "$bin"
}

corpus=$here/corpus-$target
mkdir -p "$corpus"
case "$mode" in
--merge)
	build "fuzz-$target" -fsanitize=fuzzer,address,undefined
	rm -rf "$out/min" && mkdir "$out/min"
	"$out/fuzz-$target" -merge=1 -timeout=30 "$out/min" "$corpus" >/dev/null 2>&1
	before=$(ls "$corpus" | wc -l)
	find "$corpus" -type f ! -name 'seed-*' -delete
	for f in "$out"/min/*; do
		[ -e "$f" ] || continue
		n=$(basename "$f")
		# the merge names inputs by their SHA-1; a seed it kept is already there
		cmp -s "$f" "$corpus/$n" 2>/dev/null || {
			found=0
			for s in "$corpus"/seed-*; do cmp -s "$f" "$s" && found=1 && break; done
			[ $found = 1 ] || cp "$f" "$corpus/$n"
		}
	done
	echo "corpus-$target: $before -> $(ls "$corpus" | wc -l) inputs"
	;;
--coverage)
	build "cov-$target" -fprofile-instr-generate -fcoverage-mapping \
		"$here/replay.c"
	LLVM_PROFILE_FILE="$out/cov.profraw" "$out/cov-$target" "$corpus" >/dev/null
	llvm-profdata merge -sparse "$out/cov.profraw" -o "$out/cov.profdata"
	case $target in
	manifest) re='core/load/manifest|core/base/' ;;
	bundle) re='core/collect/bundle|core/collect/dns/dns-json|core/collect/tls/tls-json|core/monitor' ;;
	registry) re='core/load/registry' ;;
	pack) re='core/load/policy' ;;
	laws) re='core/load/laws|core/assess' ;;
	geodb) re='core/collect/geo' ;;
	dns) re='core/collect/dns/(dns-answer|dns-zone|dns-json|dns-result)' ;;
	x509) re='core/collect/tls/(x509|tls-pem|tls-json)|core/attribute/attribute' ;;
	esac
	files=$(echo "$srcs" | grep -E "$re")
	# shellcheck disable=SC2086
	llvm-cov report "$out/cov-$target" -instr-profile="$out/cov.profdata" $files |
		sed "s|$top/||"
	;;
*)
	build "fuzz-$target" -fsanitize=fuzzer,address,undefined
	dict=
	[ -f "$here/fuzz-$target.dict" ] && dict=-dict=$here/fuzz-$target.dict
	case $target in
	bundle) maxlen=65536 ;;
	x509) maxlen=16384 ;;
	laws|pack|registry) maxlen=32768 ;;
	*) maxlen=8192 ;;
	esac
	extra=
	[ "$target" = manifest ] && extra="$top/examples/acme-storage $top/tests/cases"
	jobs=
	[ "${FUZZ_JOBS:-1}" -gt 1 ] && jobs="-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS"
	# shellcheck disable=SC2086
	"$out/fuzz-$target" -max_total_time="$mode" -max_len=$maxlen -timeout=10 \
		-rss_limit_mb=4096 -print_final_stats=1 $jobs $dict "$corpus" $extra
	;;
esac
