#!/bin/sh
# Signals across fork/exec, stop/continue, SIGCHLD, default actions.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" sigproc
