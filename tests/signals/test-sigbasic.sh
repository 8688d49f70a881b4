#!/bin/sh
# Signal order, coalescing, flags, sigaltstack, SA_RESTART, sigtimedwait.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" sigbasic
