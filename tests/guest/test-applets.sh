#!/bin/sh
# 30+ busybox applets print the same inside umk as on the host.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" applets.sh
