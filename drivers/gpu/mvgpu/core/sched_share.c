// SPDX-License-Identifier: GPL-2.0-only
/*
 * Equal share and fixed share (NVIDIA's strict round robin): each entity is
 * allocated a constant part of every balance period, 1/N of it (equal) or
 * its fixed share (fixed), whether it is busy or not.  Time an idle entity
 * does not use is not given to others: the engine idles.  The entity owed
 * the most runs first (see mvgpu_sched_most_owed()), so the slices of a
 * period are spread in proportion to the allocations.  Slices are clipped
 * to the budget left, so only an overrun (a workload running past its
 * slice, or a preemption that came late) makes debt, paid back from the
 * next periods however large it is (see mvgpu_sched_account()).  Unused
 * budget is lost at the end of the period, unless the entity waited for
 * the engine all period (others' overruns kept it from its turn): then it
 * is carried over (see mvgpu_sched_credit_max()).  When every entity is
 * busy and the allocations fill the engine, the engine never idles: a
 * period whose budgets are all spent early (overruns, switching costs
 * charged to the entities) is followed at once by the next one.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/math64.h>
#include <linux/minmax.h>

#include "core/sched_policy.h"

static u64 equal_alloc(const struct mvgpu_sched_queue *q,
		       const struct mvgpu_sched_entity *se)
{
	return div_u64(q->period_ns, q->nr);
}

/* Oversubscribed shares are scaled down to fill the engine exactly. */
static u64 fixed_alloc(const struct mvgpu_sched_queue *q,
		       const struct mvgpu_sched_entity *se)
{
	return div64_u64(q->period_ns * se->share_ppm,
			 max_t(u64, q->total_ppm, MVGPU_SCHED_SHARE_FULL));
}

/*
 * Debt is carried over (and paid by idle periods), credit only by an
 * entity that waited for the engine: b = min(b + (periods - 1) a, 0) + a
 * otherwise.
 */
static void share_balance(struct mvgpu_sched_queue *q, u64 periods)
{
	struct mvgpu_sched_entity *se;

	list_for_each_entry(se, &q->entities, link) {
		s64 alloc = se->alloc_ns;
		s64 b = se->budget_ns + (s64)periods * alloc;

		se->budget_ns = min(b, mvgpu_sched_credit_max(q, se, alloc));
	}
}

static struct mvgpu_sched_entity *share_pick(struct mvgpu_sched_queue *q,
					     u64 *slice_ns)
{
	struct mvgpu_sched_entity *se = mvgpu_sched_most_owed(q);

	if (se)
		*slice_ns = min_t(u64, q->slice_ns, se->budget_ns);
	return se;
}

/*
 * Idling would reserve time for nobody: every entity is busy (none has a
 * share to keep free), none is capped, and together they are allocated
 * the whole period (give or take the rounding of the allocations).
 */
static bool share_early_period(const struct mvgpu_sched_queue *q)
{
	const struct mvgpu_sched_entity *se;
	u64 total = 0;

	list_for_each_entry(se, &q->entities, link) {
		if (!mvgpu_sched_may_run(q, se))
			return false;
		total += se->alloc_ns;
	}
	return q->nr && total + q->nr >= q->period_ns;
}

const struct mvgpu_sched_policy_ops mvgpu_sched_equal_ops = {
	.name = "equal_share",
	.alloc = equal_alloc,
	.balance = share_balance,
	.pick_next = share_pick,
	.early_period = share_early_period,
};

const struct mvgpu_sched_policy_ops mvgpu_sched_fixed_ops = {
	.name = "fixed_share",
	.alloc = fixed_alloc,
	.balance = share_balance,
	.pick_next = share_pick,
	.early_period = share_early_period,
};
