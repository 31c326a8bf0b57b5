// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cooperative threads for the fuzz harnesses: a few functions run as
 * ucontext fibers, switched only at the shim's yield points (taking and
 * releasing a lock, a wait, a pin in progress) or when one must block.
 * Which thread runs after a yield point is read from a schedule the
 * harness takes from its input, so every interleaving is reproducible.
 * When every thread that is left blocks, that is a deadlock: a finding.
 *
 * Overrides the single-thread defaults of shim.c.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <sanitizer/common_interface_defs.h>

#include <shim/harness.h>

#define STACK_SIZE	(1u << 20)

struct fiber {
	ucontext_t ctx;
	void *stack;
	void (*fn)(void *arg);
	void *arg;
	bool done;
	const char *blocked;	/* why it last blocked */
};

static struct fiber fibers[SHIM_MAX_THREADS];
static unsigned int nr_fibers;
static int cur = -1;		/* the running fiber, -1: the main context */
static ucontext_t main_ctx;
static const void *main_bottom;
static size_t main_size;
static const u8 *sched;
static size_t sched_left;
static int next_pick;		/* asked for by a yield, or -1 */
static unsigned int stuck;	/* consecutive blocks without progress */

int shim_thread_self(void)
{
	return cur + 1;
}

/* Back to the scheduler (the main context). */
static void to_main(void)
{
	void *fake = NULL;

	__sanitizer_start_switch_fiber(&fake, main_bottom, main_size);
	swapcontext(&fibers[cur].ctx, &main_ctx);
	__sanitizer_finish_switch_fiber(fake, &main_bottom, &main_size);
}

static void fiber_main(void)
{
	struct fiber *f;

	__sanitizer_finish_switch_fiber(NULL, &main_bottom, &main_size);
	f = &fibers[cur];
	f->fn(f->arg);
	f->done = true;
	/* This fiber ends: returning resumes main_ctx (uc_link). */
	__sanitizer_start_switch_fiber(NULL, main_bottom, main_size);
}

void shim_yield_point(void)
{
	u8 b;

	if (cur < 0 || !sched_left)
		return;
	b = *sched++;
	sched_left--;
	stuck = 0;
	if (!(b & 1))
		return;
	next_pick = (b >> 1) % nr_fibers;
	to_main();
}

bool shim_thread_block(const char *why)
{
	if (cur < 0)
		return false;
	fibers[cur].blocked = why;
	next_pick = -1;
	stuck++;
	to_main();
	fibers[cur].blocked = NULL;
	return true;
}

static void run_fiber(int i)
{
	void *fake = NULL;

	cur = i;
	__sanitizer_start_switch_fiber(&fake, fibers[i].stack, STACK_SIZE);
	swapcontext(&main_ctx, &fibers[i].ctx);
	__sanitizer_finish_switch_fiber(fake, NULL, NULL);
	cur = -1;
}

/* The next fiber not done after @i, or -1. */
static int next_alive(int i)
{
	unsigned int k;

	for (k = 1; k <= nr_fibers; k++) {
		int j = (i + k) % nr_fibers;

		if (!fibers[j].done)
			return j;
	}
	return -1;
}

void shim_threads_run(unsigned int n, void (*const fn[])(void *),
		      void *const arg[], const u8 *schedule, size_t len)
{
	unsigned int i;
	int pick = 0;

	if (WARN_ON(!n || n > SHIM_MAX_THREADS || cur >= 0))
		return;
	nr_fibers = n;
	sched = schedule;
	sched_left = len;
	stuck = 0;
	for (i = 0; i < n; i++) {
		struct fiber *f = &fibers[i];

		if (!f->stack) {
			f->stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (f->stack == MAP_FAILED)
				shim_fail(__FILE__, __LINE__, "no fiber stack");
		}
		getcontext(&f->ctx);
		f->ctx.uc_stack.ss_sp = f->stack;
		f->ctx.uc_stack.ss_size = STACK_SIZE;
		f->ctx.uc_link = &main_ctx;
		makecontext(&f->ctx, fiber_main, 0);
		f->fn = fn[i];
		f->arg = arg[i];
		f->done = false;
		f->blocked = NULL;
	}
	while (pick >= 0) {
		next_pick = -1;
		run_fiber(pick);
		if (fibers[pick].done) {
			stuck = 0;
			pick = next_alive(pick);
			continue;
		}
		if (stuck > 4 * n) {
			char why[512] = "";

			for (i = 0; i < n; i++)
				if (!fibers[i].done)
					snprintf(why + strlen(why),
						 sizeof(why) - strlen(why),
						 " [thread %u: %s]", i,
						 fibers[i].blocked ?: "runs");
			shim_fail(__FILE__, __LINE__, "deadlock:%s", why);
		}
		if (next_pick >= 0 && !fibers[next_pick].done)
			pick = next_pick;
		else
			pick = next_alive(pick);
	}
	nr_fibers = 0;
}
