# shellcheck shell=bash
# lib.sh — sourced by the bench/*.sh wrappers: the build directory (a
# release build without sanitizers, set up when missing) and the TLS
# ceiling client bench/tls-bare (from the build when it has it, otherwise
# compiled here with cc). Expects SRC (the repository) to be set.

# bench_build BUILD TARGET...: set BUILD up if needed, build the targets.
bench_build() {
	local build=$1
	shift
	if [ ! -f "$build/build.ninja" ]; then
		meson setup "$build" "$SRC" --buildtype=release -Dsanitize=false \
			>"${TMPDIR:-/tmp}/sovcheck-bench-setup.$$.log" 2>&1 || {
			tail -20 "${TMPDIR:-/tmp}/sovcheck-bench-setup.$$.log" >&2
			rm -f "${TMPDIR:-/tmp}/sovcheck-bench-setup.$$.log"
			echo "bench: meson setup $build failed" >&2
			return 4
		}
		rm -f "${TMPDIR:-/tmp}/sovcheck-bench-setup.$$.log"
	fi
	local log t
	# A target of the test tree (tests/geo/geo-lookup) needs the tests
	# built: a build directory set up with -Dtests=false is switched on.
	for t in "$@"; do
		case "$t" in
		tests/*)
			if grep -q '"name": "tests", "value": false' \
				"$build/meson-info/intro-buildoptions.json" 2>/dev/null; then
				meson configure "$build" -Dtests=true >/dev/null 2>&1 || {
					echo "bench: meson configure $build -Dtests=true failed" >&2
					return 4
				}
			fi
			break ;;
		esac
	done
	log=$(ninja -C "$build" "$@" 2>&1) || {
		printf '%s\n' "$log" | tail -20 >&2
		echo "bench: ninja -C $build $* failed" >&2
		return 4
	}
}

# bench_buildtype BUILD: warn when BUILD is not an optimised build.
bench_buildtype() {
	local bt
	bt=$(sed -n "s/^ *buildtype *= *//p" "$1/meson-private/cmd_line.txt" 2>/dev/null | head -n 1)
	case "$bt" in
	release | debugoptimized | "") ;;
	*) echo "bench: warning: $1 is a $bt build; figures need -Dbuildtype=release" >&2 ;;
	esac
}

# bench_tls_bare BUILD DIR: print the path of tls-bare, compiling it into
# DIR when BUILD has none (bench/meson.build not wired in).
bench_tls_bare() {
	local build=$1 dir=$2
	if [ -f "$build/build.ninja" ] && ninja -C "$build" -t targets all 2>/dev/null |
		grep -q '^bench/tls-bare:'; then
		ninja -C "$build" bench/tls-bare >/dev/null 2>&1 && { echo "$build/bench/tls-bare"; return 0; }
	fi
	local cc=${CC:-cc}
	# shellcheck disable=SC2046 # pkg-config prints several words
	"$cc" -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -o "$dir/tls-bare" \
		"$SRC/bench/tls-bare.c" $(pkg-config --cflags --libs openssl) -pthread >&2 || {
		echo "bench: cannot compile bench/tls-bare.c" >&2
		return 4
	}
	echo "$dir/tls-bare"
}

# bench_need TOOL...: exit 4 naming the first tool missing.
bench_need() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] || {
			echo "bench: $t is missing" >&2
			exit 4
		}
	done
}
