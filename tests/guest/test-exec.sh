#!/bin/sh
# exec of static, static-pie, dynamic and musl ELF files and #! scripts;
# argv, envp, the initial stack and auxv; what exec refuses and keeps.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" exec
