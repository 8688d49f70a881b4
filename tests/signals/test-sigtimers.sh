#!/bin/sh
# alarm, itimers, POSIX timers, nanosleep and clock_nanosleep.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" sigtimers
