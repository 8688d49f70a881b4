#!/bin/sh
# umk-mode.sh - runs $UMK_REAL with mode=$UMK_MODE ahead of the other
# parameters. run-all.sh points UMK here to run a test that does not
# pick trap modes itself once more, in the mode that is not the default.
exec "${UMK_REAL:?}" "mode=${UMK_MODE:?}" "$@"
