# SPDX-License-Identifier: GPL-2.0
"""Reads KTAP version 1 test output as umk's KUnit runner prints it.

The console log of a test run holds a KTAP document among other kernel
messages. extract() finds it (from the first "KTAP version" line on) and
parse() turns it into a tree of Test objects: the document, its suites,
their cases and the parameters of parameterised cases. A subtest opens
with "KTAP version N" and/or "# Subtest: name", may give a plan "1..N",
and closes with its own "ok N name" line; a test without subtests is just
its result line. Other lines are diagnostics and are kept in the log of
the test whose result follows them.

Anything short of a complete document (a missing result line, fewer
results than a plan announced) marks the tests involved as crashed.
"""

import re
import textwrap
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, TextIO

VERSION_RE = re.compile(r'^(\s*)K?TAP version (\d+)\s*$')
SUBTEST_RE = re.compile(r'^(\s*)# Subtest: (.*?)\s*$')
PLAN_RE = re.compile(r'^\s*1\.\.(\d+)\s*(#.*)?$')
RESULT_RE = re.compile(r'^(\s*)(ok|not ok) (\d+)(?:\s+-)?(?:\s+([^#]*?))?'
                       r'\s*(?:#\s*(.*?))?\s*$')

PASSED = 'PASSED'
FAILED = 'FAILED'
SKIPPED = 'SKIPPED'
CRASHED = 'CRASHED'
NO_TESTS = 'NO TESTS'


@dataclass
class Test:
    """One test: a leaf, or a subtest with children."""
    name: str = ''
    number: int = 0
    status: str = CRASHED           # until a result line says otherwise
    directive: str = ''             # after '#' on the result line
    reported: bool = False          # its result line was seen
    header: bool = False            # opened with KTAP version / Subtest
    indent: int = -1                # of the header line
    expected: Optional[int] = None  # the plan
    subtests: List['Test'] = field(default_factory=list)
    log: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)


@dataclass
class Counts:
    """Leaf results of a tree, and parse errors found in it."""
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    crashed: int = 0
    errors: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.skipped + self.crashed

    def ok(self) -> bool:
        """True when tests ran and none failed, crashed or misparsed."""
        return (self.total > 0 and not self.failed and not self.crashed
                and not self.errors)

    def summary(self) -> str:
        text = (f'Ran {self.total} tests: passed: {self.passed}, '
                f'failed: {self.failed}, skipped: {self.skipped}')
        if self.crashed:
            text += f', crashed: {self.crashed}'
        if self.errors:
            text += f', errors: {self.errors}'
        return text


def extract(lines: Iterable[str]) -> List[str]:
    """Returns the lines from the first "KTAP version" line on.

    Whatever came before "KTAP version" on that line (a timestamp, say) is
    cut off the following lines too, as Linux's kunit.py does.
    """
    out: List[str] = []
    prefix = None
    for line in lines:
        line = line.rstrip('\r\n')
        if prefix is None:
            m = re.search(r'K?TAP version \d+\s*$', line)
            if m:
                prefix = m.start()
                out.append(line[prefix:])
            continue
        out.append(line[prefix:])
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _is_structure(line: str) -> bool:
    return bool(VERSION_RE.match(line) or SUBTEST_RE.match(line)
                or PLAN_RE.match(line) or RESULT_RE.match(line))


class _Parser:
    def __init__(self, lines: List[str]):
        self.lines = lines
        self.pos = 0

    def peek(self) -> Optional[str]:
        if self.pos < len(self.lines):
            return self.lines[self.pos]
        return None

    def pop(self) -> str:
        self.pos += 1
        return self.lines[self.pos - 1]

    def diagnostics(self) -> List[str]:
        log = []
        while self.peek() is not None and not _is_structure(self.peek()):
            log.append(self.pop())
        return log

    def document(self) -> Test:
        root = Test(name='main', header=True, indent=0)
        root.log += self.diagnostics()
        line = self.peek()
        m = VERSION_RE.match(line) if line is not None else None
        if not m:
            root.status = NO_TESTS
            return root
        self.pop()
        if m.group(2) != '1':
            root.errors.append(f'KTAP version {m.group(2)}, expected 1')
        root.log += self.diagnostics()
        line = self.peek()
        m = PLAN_RE.match(line) if line is not None else None
        if m:
            root.expected = int(m.group(1))
            self.pop()
        else:
            root.errors.append('no test plan after KTAP version')
        self.children(root, top=True)
        root.log += self.lines[self.pos:]
        root.status = PASSED    # unless _settle() finds otherwise
        return root

    def ends(self, parent: Test, line: str) -> bool:
        """True when line is parent's own result line.

        Nested KTAP indents a subtest's header and children one level
        deeper than its result line; in output without indentation the
        result line is known by its name.
        """
        m = RESULT_RE.match(line)
        if not m:
            return False
        if parent.indent > 0:
            return _indent(line) < parent.indent
        return bool(parent.name) and (m.group(4) or '') == parent.name

    def children(self, parent: Test, top: bool = False):
        while parent.expected is None or \
                len(parent.subtests) < parent.expected:
            log = self.diagnostics()
            line = self.peek()
            if line is None or (not top and self.ends(parent, line)):
                parent.log += log
                if parent.expected is not None:
                    parent.errors.append(
                        f'expected {parent.expected} subtests, found '
                        f'{len(parent.subtests)}')
                return
            number = len(parent.subtests) + 1
            if RESULT_RE.match(line):
                child = Test(log=log)
                self.result(child, number)
            elif PLAN_RE.match(line):
                self.pop()
                parent.errors.append(f'unexpected plan: {line.strip()}')
                parent.log += log
                continue
            else:
                child = self.subtest(log, number)
            parent.subtests.append(child)

    def subtest(self, log: List[str], number: int) -> Test:
        test = Test(header=True, log=log, indent=_indent(self.peek()))
        if VERSION_RE.match(self.peek()):
            self.pop()
            test.log += self.diagnostics()
        line = self.peek()
        m = SUBTEST_RE.match(line) if line is not None else None
        if m:
            test.name = m.group(2)
            self.pop()
        test.log += self.diagnostics()
        line = self.peek()
        m = PLAN_RE.match(line) if line is not None else None
        if m:
            test.expected = int(m.group(1))
            self.pop()
        self.children(test)
        test.log += self.diagnostics()
        line = self.peek()
        if line is not None and RESULT_RE.match(line):
            self.result(test, number)
        else:
            test.errors.append('missing result line')
            test.status = CRASHED
        return test

    def result(self, test: Test, number: int):
        m = RESULT_RE.match(self.pop())
        name = m.group(4) or ''
        if test.name and name != test.name:
            test.errors.append(f'result line names "{name}"')
        test.name = test.name or name
        test.number = int(m.group(3))
        if test.number != number:
            test.errors.append(f'test number {test.number}, expected '
                               f'{number}')
        test.directive = m.group(5) or ''
        test.reported = True
        if test.directive.upper().startswith('SKIP'):
            test.status = SKIPPED
        else:
            test.status = PASSED if m.group(2) == 'ok' else FAILED


def _settle(test: Test):
    """Makes a parent's status agree with its subtests'."""
    for sub in test.subtests:
        _settle(sub)
    statuses = {sub.status for sub in test.subtests}
    if CRASHED in statuses or test.errors:
        test.status = CRASHED
    elif FAILED in statuses:
        if test.reported and test.status in (PASSED, SKIPPED):
            test.errors.append('reported ok, but a subtest failed')
        test.status = FAILED
    elif test.subtests and test.status == FAILED:
        test.errors.append('reported not ok, but no subtest failed')
    elif test.header and not test.subtests and test.status != FAILED:
        test.status = NO_TESTS


def parse(lines: Iterable[str]) -> Test:
    """Parses a console log; the result's subtests are the suites."""
    root = _Parser(extract(lines)).document()
    _settle(root)
    if root.status == PASSED and count(root).total == 0:
        root.status = NO_TESTS
    return root


def count(test: Test) -> Counts:
    """Counts the leaves of a tree, as Linux's kunit.py does."""
    counts = Counts()

    def walk(t: Test):
        counts.errors += len(t.errors)
        # Each test a plan announced but the output lacks has crashed.
        if t.expected is not None and t.expected > len(t.subtests):
            counts.crashed += t.expected - len(t.subtests)
        if t.subtests:
            for sub in t.subtests:
                walk(sub)
        elif t.status == PASSED:
            counts.passed += 1
        elif t.status == FAILED:
            counts.failed += 1
        elif t.status == SKIPPED:
            counts.skipped += 1
        elif t.status == CRASHED:
            counts.crashed += 1
    walk(test)
    return counts


def _print_log(log: List[str], out: TextIO):
    text = textwrap.dedent('\n'.join(log)).strip('\n')
    for line in text.splitlines():
        out.write(f'    {line}\n')


def _print_test(test: Test, path: str, out: TextIO):
    name = f'{path}.{test.name}' if path else test.name
    for error in test.errors:
        out.write(f'[ERROR] {name}: {error}\n')
    if test.subtests:
        for sub in test.subtests:
            _print_test(sub, name, out)
        return
    line = f'[{test.status}] {name}'
    if test.status == SKIPPED and test.directive[4:].strip():
        line += f' ({test.directive[4:].strip()})'
    out.write(line + '\n')
    if test.status in (FAILED, CRASHED):
        _print_log(test.log, out)


def report(root: Test, out: TextIO, console: List[str]) -> Counts:
    """Prints a summary tree and the totals; returns the counts.

    console is the whole log, whose end is shown when the run crashed.
    """
    for error in root.errors:
        out.write(f'[ERROR] {error}\n')
    for suite in root.subtests:
        width = 60
        title = f' {suite.name} ({len(suite.subtests)} cases) '
        out.write(title.center(width, '=') + '\n')
        _print_test(suite, '', out)
        out.write(f' [{suite.status}] {suite.name} '.center(width, '=')
                  + '\n')
    counts = count(root)
    if root.status == CRASHED:
        out.write('The test run ended early; the console said last:\n')
        _print_log([line.rstrip('\n') for line in console[-20:]]
                   or ['(nothing)'], out)
    if counts.total == 0:
        out.write('No tests ran.\n')
    out.write(f'Testing complete. {counts.summary()}\n')
    return counts
