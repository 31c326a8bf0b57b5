/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a tiny plan-less TAP producer for the mvgpu tests.
 *
 * Output format (TAP 13 without a plan line):
 *   ok 1 - name
 *   not ok 2 - name
 *   # diagnostic lines
 *   ok 3 - name # SKIP reason
 *
 * Test points are numbered in the order they are reported.  Only the
 * process that called tap_init() may report; forked helpers must stay
 * silent and leave with _exit().
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_TAP_H
#define MVGPU_TAP_H

#include <stdbool.h>
#include <stdint.h>

#define TAP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/* Line-buffer stdout so that output survives fork() and crashes. */
void tap_init(void);

/* Report a test point; returns @cond. */
bool tap_ok(bool cond, const char *fmt, ...) TAP_PRINTF(2, 3);

/* Report a skipped test point. */
void tap_skip(const char *reason, const char *fmt, ...) TAP_PRINTF(2, 3);

/* Print a "# ..." diagnostic line. */
void tap_diag(const char *fmt, ...) TAP_PRINTF(1, 2);

/*
 * Report "got == want" as one test point; on failure the values are
 * printed as diagnostics (hex and decimal).
 */
bool tap_eq(uint64_t got, uint64_t want, const char *fmt, ...) TAP_PRINTF(3, 4);

/*
 * Report that an errno-style result @rc (0 or -errno) equals @want
 * (0 or -EXXX); on failure both are printed by name.
 */
bool tap_rc(int rc, int want, const char *fmt, ...) TAP_PRINTF(3, 4);

/* Number of failed test points so far. */
unsigned int tap_failures(void);

/*
 * Print a summary diagnostic and return the process exit status:
 * 0 if at least one point ran and none failed, 1 otherwise.
 */
int tap_done(void);

/* Symbolic name of an errno value ("EINVAL"), or "E?" if unknown. */
const char *tap_errname(int err);

#endif /* MVGPU_TAP_H */
