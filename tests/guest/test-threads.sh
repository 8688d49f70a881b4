#!/bin/sh
# pthreads, clone flags, thread and process exit.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" threads
