/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shim's controls for the fuzz harnesses (not a kernel API).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_HARNESS_H
#define _SHIM_HARNESS_H

#include <shim/base.h>
#include <shim/sync.h>

/* Print the driver's log lines (MVGPU_FUZZ_VERBOSE=1 in the environment). */
extern bool shim_verbose;

/* Log lines the driver printed since shim_begin(). */
extern unsigned long shim_log_lines;

/* Start an input: clock, pending work and timers, injected failures, counters. */
void shim_begin(void);
/*
 * End an input: no work pending, no timer queued, no page reference
 * (get_page()) held, or a finding.
 */
void shim_end(void);

/* Make the @n-th allocation from now fail (0: the next); -1: none. */
void shim_fail_alloc_after(long n);

/*
 * Move the clock (ktime_get_ns(), jiffies) forward, firing the timers
 * that expire on the way (see shim/sync.h).
 */
void shim_advance_time(u64 ns);
/* Timers queued (started, not yet fired or cancelled). */
unsigned int shim_queued_timers(void);

/* Run the pending work items in queue order; return how many ran. */
unsigned int shim_run_work(void);
/* Run only the first pending work item; return whether one ran. */
bool shim_run_one_work(void);
unsigned int shim_pending_work(void);

/*
 * Run @n functions as cooperative threads until every one returned
 * (tests/fuzz/shim/threads.c).  At each yield point the running thread
 * reads a byte of @schedule: odd, it switches to thread (byte >> 1) % n.
 * When the schedule is used up, threads switch only when they block.
 */
#define SHIM_MAX_THREADS	4
void shim_threads_run(unsigned int n, void (*const fn[])(void *),
		      void *const arg[], const u8 *schedule, size_t len);

/* Signals sent to eventfds since shim_begin(). */
extern unsigned long shim_eventfd_signals;

/* Report a harness finding the way a WARN does, and abort. */
__noreturn __printf(3, 4) void shim_fail(const char *file, int line,
					  const char *fmt, ...);
#define FUZZ_CHECK(cond, fmt, ...) do {					\
	if (unlikely(!(cond)))						\
		shim_fail(__FILE__, __LINE__, "check failed: %s: " fmt,	\
			  #cond, ##__VA_ARGS__);			\
} while (0)

#endif /* _SHIM_HARNESS_H */
