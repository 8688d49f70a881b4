#!/bin/sh
# sigbasic built with musl (musl-gcc -static): the same output as glibc.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" sigbasic-musl
