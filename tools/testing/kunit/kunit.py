#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Builds umk, boots it with its KUnit tests and summarises the results.

  kunit.py run   [--build_dir DIR] [--filter_glob G] [--timeout S] ...
                 make, then exec
  kunit.py exec  [--umk PATH | --build_dir DIR] [--filter_glob G] ...
                 boot "umk kunit.enable=1 [kunit.filter_glob=G]"
  kunit.py parse [FILE]
                 summarise KTAP from FILE or standard input

The exit status is 0 only when tests ran and every one passed (or was
skipped): a failure, a crash (the KTAP output ends early or has fewer
results than its plan), a non-zero exit of umk, a timeout, or a run with
no tests at all make it 1. A build failure makes it 2.
"""

import argparse
import os
import signal
import subprocess
import sys
from typing import List, Optional, Tuple

import ktap

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                       '..'))


def build(args) -> bool:
    cmd = ['make', '-C', SRCTREE, f'-j{args.jobs}']
    if args.build_dir:
        cmd.append(f'O={os.path.abspath(args.build_dir)}')
    print('Building umk:', ' '.join(cmd), flush=True)
    return subprocess.run(cmd, check=False).returncode == 0


def umk_path(args) -> str:
    if getattr(args, 'umk', None):
        return args.umk
    return os.path.join(os.path.abspath(args.build_dir or SRCTREE), 'umk')


def boot(args) -> Tuple[List[str], Optional[str]]:
    """Runs umk with the tests; returns its console lines and, if the run
    itself went wrong, why."""
    cmd = [umk_path(args), 'kunit.enable=1']
    if args.filter_glob:
        cmd.append(f'kunit.filter_glob={args.filter_glob}')
    cmd += args.kernel_args or []
    print('Running:', ' '.join(cmd), flush=True)
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
    except OSError as e:
        return [], f'could not start {cmd[0]}: {e.strerror}'
    problem = None
    try:
        out, _ = proc.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)    # umk and its helpers
        out, _ = proc.communicate()
        problem = f'timed out after {args.timeout} seconds'
    lines = out.decode('utf-8', errors='replace').splitlines(keepends=True)
    if problem is None and proc.returncode < 0:
        problem = f'umk was killed by signal {-proc.returncode}'
    elif problem is None and proc.returncode != 0:
        problem = f'umk exited with status {proc.returncode}'
    return lines, problem


def summarise(lines: List[str], args, problem: Optional[str] = None) -> int:
    if args.raw_output:
        sys.stdout.writelines(lines)
        sys.stdout.flush()
    root = ktap.parse(lines)
    counts = ktap.report(root, sys.stdout, lines)
    if problem:
        print(f'[ERROR] {problem}')
    return 0 if counts.ok() and not problem else 1


def cmd_run(args) -> int:
    if not build(args):
        print('[ERROR] the build failed')
        return 2
    return cmd_exec(args)


def cmd_exec(args) -> int:
    lines, problem = boot(args)
    return summarise(lines, args, problem)


def cmd_parse(args) -> int:
    if args.file and args.file != '-':
        with open(args.file, encoding='utf-8', errors='replace') as f:
            lines = f.readlines()
    else:
        lines = sys.stdin.readlines()
    return summarise(lines, args)


def add_boot_options(p: argparse.ArgumentParser):
    p.add_argument('--build_dir', help='the O= build directory')
    p.add_argument('--filter_glob',
                   help='run only suites (and cases) matching SUITE[.CASE]')
    p.add_argument('--timeout', type=float, default=300,
                   help='seconds umk may run (default 300)')
    p.add_argument('--kernel_args', action='append', metavar='ARG',
                   help='another kernel parameter (may repeat)')
    p.add_argument('--raw_output', action='store_true',
                   help='also print the whole console output')


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(
        description='Build and run umk\'s KUnit tests, or parse their '
                    'KTAP output.')
    sub = parser.add_subparsers(dest='command', required=True)

    run = sub.add_parser('run', help='build umk, then boot its tests')
    add_boot_options(run)
    run.add_argument('--jobs', '-j', type=int, default=os.cpu_count() or 1)
    run.set_defaults(func=cmd_run)

    exe = sub.add_parser('exec', help='boot an already built umk')
    add_boot_options(exe)
    exe.add_argument('--umk', help='the umk binary (default: in build_dir '
                                   'or the source tree)')
    exe.set_defaults(func=cmd_exec)

    par = sub.add_parser('parse', help='summarise KTAP from a file or stdin')
    par.add_argument('file', nargs='?', help='console log (default: stdin)')
    par.add_argument('--raw_output', action='store_true',
                     help='also print the input')
    par.set_defaults(func=cmd_parse)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
