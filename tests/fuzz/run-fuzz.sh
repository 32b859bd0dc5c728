#!/bin/sh
# run-fuzz.sh [SECONDS] — fuzz the manifest loader and evaluator with libFuzzer
# (clang, ASan+UBSan) for a while, growing tests/fuzz/corpus-manifest.
# Crashes are written as crash-* files in the current directory.
# run-fuzz.sh --merge — minimise the corpus (keep the inputs that add coverage).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${1:-120}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/sc-config.h" <<H
#define SC_VERSION "fuzz"
#define SC_DATADIR "$top"
#define SC_SRCDIR "$top"
H
srcs=$(find "$top/core" -name '*.c' | sort)
incs=$(find "$top/core" -type d | sed 's/^/-I/')
# shellcheck disable=SC2086
clang -g -O1 -std=c17 -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined \
	-I"$out" $incs \
	"$here/fuzz-manifest.c" $srcs \
	$(pkg-config --cflags --libs yaml-0.1 ldns libmaxminddb openssl jansson) -lm \
	-o "$out/fuzz-manifest"
mkdir -p "$here/corpus-manifest"
if [ "$secs" = --merge ]; then
	mkdir "$out/min"
	"$out/fuzz-manifest" -merge=1 "$out/min" "$here/corpus-manifest" >/dev/null 2>&1
	rm -f "$here"/corpus-manifest/*
	cp "$out"/min/* "$here/corpus-manifest/"
	echo "corpus: $(ls "$here/corpus-manifest" | wc -l) inputs"
	exit 0
fi
"$out/fuzz-manifest" -max_total_time="$secs" -max_len=4096 -timeout=5 \
	"$here/corpus-manifest" "$top/examples/acme-storage" "$top/tests/cases"/0*
