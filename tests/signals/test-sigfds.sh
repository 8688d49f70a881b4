#!/bin/sh
# epoll, eventfd, timerfd, signalfd, epoll_pwait and ppoll masks.
# run-guest.sh runs it natively and inside umk and compares the output.
exec sh "$SRCTREE/tests/guest/run-guest.sh" sigfds
