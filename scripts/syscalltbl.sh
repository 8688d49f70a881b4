#!/bin/sh
# syscalltbl.sh TBL OUT: turn syscall_64.tbl into a C header of
# __SYSCALL(number, name) lines and the table size, for
# arch/x86/entry/syscall_64.c.
set -e
tbl=$1 out=$2
tmp=$out.tmp
{
	echo "/* Generated from arch/x86/entry/syscalls/syscall_64.tbl. */"
	grep -v '^#' "$tbl" | awk 'NF >= 3 { printf "__SYSCALL(%d, %s)\n", $1, $3 }'
	grep -v '^#' "$tbl" | awk 'NF >= 3 && $1 > max { max = $1 }
		END { printf "#define NR_syscalls %d\n", max + 1 }'
} >"$tmp"
mv "$tmp" "$out"
