// SPDX-License-Identifier: GPL-2.0-only
/*
 * Weighted time-based scheduling after GVT-g's TBS: each entity is
 * allocated period * weight / total weight of the attached entities per
 * balance period.  Entities with budget left run full slices, the one owed
 * the most (budget left relative to allocation) first, ties in LRU order;
 * the overrun becomes debt, carried over (at most one period, see
 * mvgpu_sched_account()); unused budget is carried over as credit of at
 * most one allocation.  Unlike GVT-g, when every runnable entity has spent
 * its budget all budgets are refilled at once rather than leaving the
 * engine idle, so busy entities share the engine in proportion to their
 * weights whatever the others do.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/math64.h>
#include <linux/minmax.h>

#include "core/sched_policy.h"

static u64 weighted_alloc(const struct mvgpu_sched_queue *q,
			  const struct mvgpu_sched_entity *se)
{
	return max(div64_u64(q->period_ns * se->weight, q->total_weight), 1ull);
}

/*
 * @n refills: each adds one allocation to what is carried over, credit
 * capped at one allocation: b = min(b, a) + a, i.e. min(b + a, 2a).
 */
static void refill(struct mvgpu_sched_queue *q, u64 n)
{
	struct mvgpu_sched_entity *se;

	list_for_each_entry(se, &q->entities, link) {
		s64 alloc = se->alloc_ns;

		se->budget_ns = min(se->budget_ns + (s64)n * alloc, 2 * alloc);
	}
}

/* Refills needed before the first runnable entity has budget; 0: none. */
static u64 refills_needed(struct mvgpu_sched_queue *q)
{
	struct mvgpu_sched_entity *se;
	u64 n = 0, k;

	list_for_each_entry(se, &q->entities, link) {
		if (!mvgpu_sched_may_run(q, se))
			continue;
		k = div64_u64(-se->budget_ns, se->alloc_ns) + 1;
		if (!n || k < n)
			n = k;
	}
	return n;
}

/*
 * The eligible entity owed the most: the largest budget left relative to
 * its allocation; ties go to the one that waited longest.  Plain round
 * robin hands each entity one slice per round, so with many entities a
 * round outlasts a balance period and the heavy ones, which need several
 * slices to spend their budget, hit the credit cap and lose their share.
 */
static struct mvgpu_sched_entity *most_owed(struct mvgpu_sched_queue *q)
{
	struct mvgpu_sched_entity *se, *best = NULL;

	list_for_each_entry(se, &q->entities, link) {
		if (!mvgpu_sched_may_run(q, se) || se->budget_ns <= 0)
			continue;
		/*
		 * b / a > best b / best a, without dividing; no overflow:
		 * budgets are at most two periods, allocations one.
		 */
		if (!best || se->budget_ns * (s64)best->alloc_ns >
			     best->budget_ns * (s64)se->alloc_ns)
			best = se;
	}
	return best;
}

static struct mvgpu_sched_entity *weighted_pick(struct mvgpu_sched_queue *q,
						u64 *slice_ns)
{
	struct mvgpu_sched_entity *se = most_owed(q);
	u64 n;

	if (!se) {
		n = refills_needed(q);
		if (!n)
			return NULL;
		refill(q, n);
		se = most_owed(q);
	}
	*slice_ns = q->slice_ns;
	return se;
}

const struct mvgpu_sched_policy_ops mvgpu_sched_weighted_ops = {
	.name = "weighted",
	.alloc = weighted_alloc,
	.balance = refill,
	.pick_next = weighted_pick,
};
