#!/bin/sh
# forkwait.c built with musl-gcc.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" forkwait-musl
