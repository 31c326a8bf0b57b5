// SPDX-License-Identifier: GPL-2.0-only
/*
 * Weighted time-based scheduling after GVT-g's TBS: each entity is
 * allocated period * weight / total weight of the attached entities per
 * balance period.  Entities with budget left run full slices, the one owed
 * the most (budget left relative to allocation) first, ties in LRU order
 * (see mvgpu_sched_most_owed());
 * the engine time a slice really took is charged, and what it took beyond
 * the budget becomes debt, carried over until it is repaid (see
 * mvgpu_sched_account()).  Unused budget is carried over as credit of at
 * most one allocation, or of up to a period more for an entity that
 * waited for the engine all period (see mvgpu_sched_credit_max()).  Unlike
 * GVT-g, when every runnable entity has spent its budget all budgets are
 * refilled at once rather than leaving the engine idle, so busy entities
 * share the engine in proportion to their weights whatever the others do.
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
 * @n refills: each adds one allocation to what is carried over.  Credit is
 * capped at one allocation, b = min(b, a) + a, i.e. min(b + a, 2a), except
 * for an entity that waited for the engine: it keeps what the others'
 * slices kept it from using.
 */
static void refill(struct mvgpu_sched_queue *q, u64 n)
{
	struct mvgpu_sched_entity *se;

	list_for_each_entry(se, &q->entities, link) {
		s64 alloc = se->alloc_ns;

		se->budget_ns = min(se->budget_ns + (s64)n * alloc,
				    mvgpu_sched_credit_max(q, se, 2 * alloc));
	}
}

static struct mvgpu_sched_entity *weighted_pick(struct mvgpu_sched_queue *q,
						u64 *slice_ns)
{
	struct mvgpu_sched_entity *se = mvgpu_sched_most_owed(q);
	u64 n;

	if (!se) {
		n = mvgpu_sched_rounds_needed(q, 0);
		if (!n)
			return NULL;
		refill(q, n);
		se = mvgpu_sched_most_owed(q);
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
