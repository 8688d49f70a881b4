#!/bin/sh
# anonymous memory: mmap, munmap, mprotect, mremap, madvise, brk,
# stack growth; touching what is gone is SIGSEGV.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" mmap
