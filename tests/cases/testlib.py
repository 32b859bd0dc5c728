"""Shared by the Python suites of tests/cases: named checks that print
`ok`/`FAIL` lines and the closing 'N passed, N failed' line."""
import sys

_passes = 0
_failures = []


def check(cond, what):
    """Record one named check."""
    global _passes
    if cond:
        _passes += 1
        print("ok   " + what)
    else:
        _failures.append(what)
        print("FAIL " + what)


def finish():
    """Print the summary line and exit 1 when a check failed."""
    print("%d passed, %d failed" % (_passes, len(_failures)))
    sys.exit(1 if _failures else 0)
