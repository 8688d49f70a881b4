#!/bin/sh
# a bad pointer to every implemented syscall is -EFAULT.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" efault
