#!/bin/sh
# a fork bomb bounded by RLIMIT_NPROC.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" forkbomb
