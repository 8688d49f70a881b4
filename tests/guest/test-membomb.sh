#!/bin/sh
# memory bombs: each guest dies or gets ENOMEM, the kernel lives
# (guest RAM is only 64M here).
# run-guest.sh runs it natively and inside umk and compares the output.
export GUEST_MEM=64M
exec sh "$SRCTREE/tests/guest/run-guest.sh" membomb
