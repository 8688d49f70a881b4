#!/bin/sh
# threads.c built with musl-gcc (musl's pthreads).
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" threads-musl
