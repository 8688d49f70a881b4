#!/bin/sh
# uname, getrandom, devices, rlimits, umask, sched, ids, clocks.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" system
