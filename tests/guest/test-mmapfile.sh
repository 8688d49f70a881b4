#!/bin/sh
# file mappings through the page cache, msync, SIGBUS past EOF.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" mmapfile
