#!/bin/sh
# bad addresses and CPU faults: the right fatal signal in the wait
# status.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" segv
