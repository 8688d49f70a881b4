#!/bin/sh
# the file system calls on tmpfs.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" files
