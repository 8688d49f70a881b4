#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Unit tests of kunit.py and its KTAP parser (ktap.py).

Run: python3 tools/testing/kunit/test_kunit.py
"""

import io
import os
import stat
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ktap    # noqa: E402
import kunit   # noqa: E402


def log(text: str):
    return textwrap.dedent(text).lstrip('\n').splitlines(keepends=True)


PASS_LOG = log('''
    [    0.000000] umk version 0.1.0
    [    0.001000] Memory: 131072K RAM
    KTAP version 1
    1..2
        KTAP version 1
        # Subtest: alpha
        1..2
        ok 1 alpha_one
        ok 2 alpha_two
    # alpha: pass:2 fail:0 skip:0 total:2
    # Totals: pass:2 fail:0 skip:0 total:2
    ok 1 alpha
        KTAP version 1
        # Subtest: beta
        1..1
        ok 1 beta_one
    ok 2 beta
    [    0.100000] reboot: Power down
''')

FAIL_LOG = log('''
    KTAP version 1
    1..1
        KTAP version 1
        # Subtest: alpha
        1..3
        ok 1 alpha_one
        # alpha_two: EXPECTATION FAILED at lib/x.c:42
        Expected a == b, but
            a == 1 (0x1)
            b == 2 (0x2)
        not ok 2 alpha_two
        ok 3 alpha_three # SKIP not today
    # alpha: pass:1 fail:1 skip:1 total:3
    not ok 1 alpha
''')

PARAM_LOG = log('''
    KTAP version 1
    1..1
        KTAP version 1
        # Subtest: alpha
        1..2
            KTAP version 1
            # Subtest: alpha_param
            ok 1 value 1
            # alpha_param: EXPECTATION FAILED at lib/x.c:7
            not ok 2 param-1
            ok 3 value 3 # SKIP odd
        # alpha_param: pass:1 fail:1 skip:1 total:3
        not ok 1 alpha_param
        ok 2 alpha_plain
    not ok 1 alpha
''')

TRUNCATED_LOG = log('''
    KTAP version 1
    1..2
        KTAP version 1
        # Subtest: alpha
        1..3
        ok 1 alpha_one
    [    0.5] Kernel panic: something broke
''')


def run(lines):
    root = ktap.parse(lines)
    out = io.StringIO()
    counts = ktap.report(root, out, lines)
    return root, counts, out.getvalue()


class ParserTest(unittest.TestCase):
    def test_pass(self):
        root, counts, out = run(PASS_LOG)
        self.assertEqual(root.status, ktap.PASSED)
        self.assertEqual((counts.passed, counts.failed, counts.total),
                         (3, 0, 3))
        self.assertTrue(counts.ok())
        self.assertEqual([s.name for s in root.subtests], ['alpha', 'beta'])
        self.assertIn('[PASSED] alpha.alpha_two', out)
        self.assertIn('Testing complete. Ran 3 tests: passed: 3, '
                      'failed: 0, skipped: 0', out)

    def test_fail_and_skip(self):
        root, counts, out = run(FAIL_LOG)
        self.assertEqual(root.status, ktap.FAILED)
        self.assertEqual((counts.passed, counts.failed, counts.skipped),
                         (1, 1, 1))
        self.assertFalse(counts.ok())
        self.assertIn('[FAILED] alpha.alpha_two', out)
        # The failure's diagnostics are shown under it.
        self.assertIn('Expected a == b, but', out)
        self.assertIn('[SKIPPED] alpha.alpha_three (not today)', out)

    def test_params(self):
        root, counts, out = run(PARAM_LOG)
        case = root.subtests[0].subtests[0]
        self.assertEqual(case.name, 'alpha_param')
        self.assertEqual(len(case.subtests), 3)
        self.assertEqual(case.status, ktap.FAILED)
        # Leaves are counted: three parameters and one plain case.
        self.assertEqual((counts.passed, counts.failed, counts.skipped),
                         (2, 1, 1))
        self.assertIn('[FAILED] alpha.alpha_param.param-1', out)
        self.assertIn('[PASSED] alpha.alpha_param.value 1', out)

    def test_truncated(self):
        root, counts, out = run(TRUNCATED_LOG)
        self.assertEqual(root.status, ktap.CRASHED)
        self.assertFalse(counts.ok())
        self.assertGreater(counts.errors, 0)
        # Counted as Linux's kunit.py does: each planned but missing test
        # crashed (two cases of alpha, and the suite beta).
        self.assertEqual((counts.passed, counts.crashed), (1, 3))
        self.assertIn('Kernel panic: something broke', out)

    def test_fewer_suites_than_plan(self):
        lines = PASS_LOG[:PASS_LOG.index('ok 1 alpha\n') + 1]
        root, counts, _ = run(lines)
        self.assertEqual(root.status, ktap.CRASHED)
        self.assertEqual((counts.passed, counts.crashed), (2, 1))
        self.assertFalse(counts.ok())

    def test_missing_result_line(self):
        # The suite's cases all ran but its own result never came.
        lines = log('''
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: alpha
                1..1
                ok 1 alpha_one
        ''')
        root, counts, _ = run(lines)
        self.assertEqual(root.subtests[0].status, ktap.CRASHED)
        self.assertFalse(counts.ok())

    def test_no_ktap(self):
        root, counts, out = run(log('''
            [    0.0] umk version 0.1.0
            [    0.1] reboot: Power down
        '''))
        self.assertEqual(counts.total, 0)
        self.assertFalse(counts.ok())
        self.assertIn('No tests ran.', out)

    def test_zero_suites(self):
        root, counts, _ = run(log('''
            KTAP version 1
            1..0
        '''))
        self.assertEqual(root.status, ktap.NO_TESTS)
        self.assertFalse(counts.ok())

    def test_suite_init_failure(self):
        root, counts, out = run(log('''
            KTAP version 1
            1..1
                # alpha: failed to initialize (-12)
            not ok 1 alpha
        '''))
        self.assertEqual((counts.failed, counts.total), (1, 1))
        self.assertIn('[FAILED] alpha', out)
        self.assertIn('failed to initialize', out)

    def test_ok_parent_with_failed_child(self):
        root, counts, _ = run(log('''
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: alpha
                1..1
                not ok 1 alpha_one
            ok 1 alpha
        '''))
        self.assertEqual(root.subtests[0].status, ktap.FAILED)
        self.assertEqual(counts.errors, 1)
        self.assertFalse(counts.ok())

    def test_timestamp_prefix(self):
        lines = ['[  1.0] ' + line for line in PASS_LOG[2:-1]]
        root, counts, _ = run(lines)
        self.assertEqual(root.status, ktap.PASSED)
        self.assertEqual(counts.passed, 3)

    def test_flat_output(self):
        lines = [line.lstrip() for line in PARAM_LOG]
        root, counts, _ = run(lines)
        self.assertEqual((counts.passed, counts.failed, counts.skipped),
                         (2, 1, 1))
        self.assertEqual(root.status, ktap.FAILED)

    def test_case_named_like_suite(self):
        root, counts, _ = run(log('''
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: glob
                1..2
                ok 1 glob
                ok 2 other
            ok 1 glob
        '''))
        self.assertEqual(root.status, ktap.PASSED)
        self.assertEqual(counts.passed, 2)

    def test_wrong_number(self):
        root, counts, _ = run(log('''
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: alpha
                1..2
                ok 1 alpha_one
                ok 3 alpha_two
            ok 1 alpha
        '''))
        self.assertGreater(counts.errors, 0)
        self.assertFalse(counts.ok())


class CommandTest(unittest.TestCase):
    """kunit.py's exit status, with a script standing in for umk."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def fake_umk(self, lines, status=0, sleep=0):
        path = os.path.join(self.dir.name, 'umk')
        text = ''.join(lines).replace("'", "'\\''")
        with open(path, 'w', encoding='utf-8') as f:
            f.write('#!/bin/sh\n'
                    'echo "args: $*"\n'
                    f"printf '%s' '{text}'\n"
                    f'sleep {sleep}\n'
                    f'exit {status}\n')
        os.chmod(path, stat.S_IRWXU)
        return path

    def main(self, argv):
        out = io.StringIO()
        saved, sys.stdout = sys.stdout, out
        try:
            status = kunit.main(argv)
        finally:
            sys.stdout = saved
        return status, out.getvalue()

    def test_exec_pass(self):
        umk = self.fake_umk(PASS_LOG)
        status, out = self.main(['exec', '--umk', umk, '--raw_output',
                                 '--filter_glob', 'alpha.*'])
        self.assertEqual(status, 0)
        self.assertIn('args: kunit.enable=1 kunit.filter_glob=alpha.*', out)

    def test_exec_fail(self):
        status, _ = self.main(['exec', '--umk', self.fake_umk(FAIL_LOG, 1)])
        self.assertEqual(status, 1)

    def test_exec_bad_exit_status(self):
        # Every test passed, but umk itself did not exit cleanly.
        status, out = self.main(['exec', '--umk',
                                 self.fake_umk(PASS_LOG, 3)])
        self.assertEqual(status, 1)
        self.assertIn('umk exited with status 3', out)

    def test_exec_timeout(self):
        umk = self.fake_umk(PASS_LOG, sleep=30)
        status, out = self.main(['exec', '--umk', umk, '--timeout', '0.5'])
        self.assertEqual(status, 1)
        self.assertIn('timed out', out)

    def test_exec_missing_binary(self):
        status, out = self.main(['exec', '--umk',
                                 os.path.join(self.dir.name, 'none')])
        self.assertEqual(status, 1)
        self.assertIn('could not start', out)

    def test_parse_file(self):
        path = os.path.join(self.dir.name, 'log')
        for lines, expected in ((PASS_LOG, 0), (FAIL_LOG, 1),
                                (TRUNCATED_LOG, 1)):
            with open(path, 'w', encoding='utf-8') as f:
                f.writelines(lines)
            status, _ = self.main(['parse', path])
            self.assertEqual(status, expected)


if __name__ == '__main__':
    unittest.main()
