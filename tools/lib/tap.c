// SPDX-License-Identifier: GPL-2.0
/*
 * tap.c - plan-less TAP output, see tap.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

static unsigned int tap_count;
static unsigned int tap_failed;
static unsigned int tap_skipped;

void tap_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
}

static void tap_vreport(bool cond, const char *directive, const char *fmt,
			va_list ap)
{
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %u - ", cond ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	putchar('\n');
	fflush(stdout);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(cond, NULL, fmt, ap);
	va_end(ap);
	return cond;
}

void tap_skip(const char *reason, const char *fmt, ...)
{
	char directive[256];
	va_list ap;

	snprintf(directive, sizeof(directive), "SKIP %s", reason);
	tap_skipped++;
	va_start(ap, fmt);
	tap_vreport(true, directive, fmt, ap);
	va_end(ap);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

bool tap_eq(uint64_t got, uint64_t want, const char *fmt, ...)
{
	bool cond = got == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(cond, NULL, fmt, ap);
	va_end(ap);
	if (!cond)
		tap_diag("got 0x%llx (%llu), want 0x%llx (%llu)",
			 (unsigned long long)got, (unsigned long long)got,
			 (unsigned long long)want, (unsigned long long)want);
	return cond;
}

const char *tap_errname(int err)
{
	const char *name;

	if (err < 0)
		err = -err;
	if (err == 0)
		return "0";
	name = strerrorname_np(err);
	return name ? name : "E?";
}

bool tap_rc(int rc, int want, const char *fmt, ...)
{
	bool cond = rc == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(cond, NULL, fmt, ap);
	va_end(ap);
	if (!cond)
		tap_diag("got %s%s (%d), want %s%s (%d)",
			 rc < 0 ? "-" : "", tap_errname(rc), rc,
			 want < 0 ? "-" : "", tap_errname(want), want);
	return cond;
}

unsigned int tap_failures(void)
{
	return tap_failed;
}

int tap_done(void)
{
	tap_diag("%u test points, %u failed, %u skipped",
		 tap_count, tap_failed, tap_skipped);
	if (tap_count == 0) {
		tap_diag("no test point was reported");
		return 1;
	}
	return tap_failed ? 1 : 0;
}
