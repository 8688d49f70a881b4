#!/bin/sh
# the gs base: arch_prctl, wrgsbase, threads, fork (tests/guest/bases.c).
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" bases
