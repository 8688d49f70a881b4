/*
 * kunit/runner.h - how the boot code drives the KUnit runner
 * (lib/kunit/executor.c): the two kernel parameters and the run itself.
 *
 *   kunit.enable=1|0          run every suite at boot (kstrtobool values;
 *                             a bare "kunit.enable" means 1)
 *   kunit.filter_glob=S[.C]   run only suites matching glob S and, with a
 *                             ".C", only their cases matching glob C;
 *                             implies kunit.enable=1 unless kunit.enable=0
 *                             was given explicitly
 */
#ifndef KUNIT_RUNNER_H
#define KUNIT_RUNNER_H

#include <umk/types.h>

/* Parameter handlers: 0, or -EINVAL for a missing or bad value. */
int kunit_set_filter_glob(const char *glob);
int kunit_set_enable(const char *val);

/* True when the parameters asked for a test run. */
bool kunit_enabled(void);

/*
 * Runs the selected suites, printing KTAP version 1 on the console, and
 * returns the number of failed test cases (a suite whose suite_init
 * failed counts as one). Does nothing and returns 0 unless
 * kunit_enabled(). Needs the scheduler and kmalloc: each case runs in
 * its own kernel thread.
 */
int kunit_run_all_tests(void);

#endif
