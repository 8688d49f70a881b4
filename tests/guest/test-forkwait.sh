#!/bin/sh
# fork/exit/wait: process trees, exit statuses, wait4/waitid,
# zombies, orphans reparented to init, vfork.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" forkwait
