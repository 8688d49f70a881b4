#!/bin/sh
# Kernel developers debug umk in gdb: break in a kernel function, get a
# backtrace with symbol names, use the helpers, continue to a clean exit;
# and panic() called from gdb prints its reason and exits with status 3.
# umk-modes: one (gdb needs the umk binary itself; no guest runs)
. "$SRCTREE/tests/lib.sh"
command -v gdb >/dev/null || { echo "gdb not installed"; exit 77; }
export UMK_SRCTREE=$SRCTREE

gdb -batch -nx -x "$SRCTREE/tools/gdb/gdbinit" \
	-ex 'break kmem_cache_init' -ex run -ex bt -ex continue \
	--args "$UMK" kunit.filter_glob='nosuchsuite' >"$T/out" 2>&1
OUT=$(cat "$T/out")
expect_in "Breakpoint 1, kmem_cache_init" "$OUT" "breakpoint"
expect_in "setup_memory ()" "$OUT" "backtrace names the caller"
expect_in "start_kernel (cmdline=" "$OUT" "backtrace reaches start_kernel"
expect_in "exited normally" "$OUT" "clean exit"
expect_not_in "SIGALRM" "$OUT" "timer signal is silent"

gdb -batch -nx -x "$SRCTREE/tools/gdb/gdbinit" \
	-ex 'break kunit_run_all_tests' -ex run -ex umk-ps -ex umk-dmesg \
	-ex continue --args "$UMK" kunit.filter_glob='nosuchsuite' \
	>"$T/out" 2>&1
OUT=$(cat "$T/out")
expect_in "kernel_init" "$OUT" "umk-ps lists kernel_init"
expect_in "idle" "$OUT" "umk-ps lists the idle task"
expect_in "Kernel command line: kunit.filter_glob=nosuchsuite" "$OUT" \
	"umk-dmesg shows the log"
expect_in "exited normally" "$OUT" "clean exit"

gdb -batch -nx -x "$SRCTREE/tools/gdb/gdbinit" \
	-ex 'break kunit_run_all_tests' -ex run \
	-ex 'call (void)panic("requested from gdb %d", 42)' \
	--args "$UMK" kunit.filter_glob='nosuchsuite' >"$T/out" 2>&1
OUT=$(cat "$T/out")
expect_in "Kernel panic - not syncing: requested from gdb 42" "$OUT" "panic"
expect_in "panic+" "$OUT" "backtrace with symbol names"
expect_in "exited with code 03" "$OUT" "panic exit status"
echo ok
