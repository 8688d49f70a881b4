#!/bin/sh
# bench-seccomp.sh - the syscall round trip of both trap modes beside
# its floor on this host (a bare in-process SIGSYS, a futex ping-pong
# between two processes: tools/bench/host/sigsys.c, which `make bench` also
# runs in its native target). A benchmark: prints medians, never fails
# on a number.
# Usage: UMK=./umk sh tests/escape/bench-seccomp.sh  (ROUNDS=5)
: "${UMK:?}"
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(mktemp /tmp/umk-sigsys-bench.XXXXXX)
trap 'rm -f "$bin"' EXIT
gcc -O2 -Wall -o "$bin" "$src/tools/bench/host/sigsys.c" || exit 1
"$bin" | sed 's/^BENCH /host: /'
# Pin everything to one host CPU with: taskset -c 1 sh bench-seccomp.sh
for mode in ptrace seccomp; do
	for i in $(seq "${ROUNDS:-5}"); do
		"$UMK" mode=$mode kunit.filter_glob=backend.backend_test_bench \
			2>&1 | sed -n 's/.*: \([a-z ]*\) round trip: \([0-9]*\) ns/\1 \2/p'
	done | awk -v m=$mode '
		/^getppid/ { s[++ns] = $2 }
		/^page fault/ { f[++nf] = $3 }
		function med(v, n,   i, j, t) {
			for (i = 1; i <= n; i++)
				for (j = i + 1; j <= n; j++)
					if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
			return n ? v[int((n + 1) / 2)] : 0
		}
		END {
			printf "umk mode=%s: getppid round trip %d ns, page fault %d ns (medians of %d boots)\n",
			       m, med(s, ns), med(f, nf), ns
		}'
done
