// SPDX-License-Identifier: GPL-2.0-only
/*
 * Best effort (NVIDIA's default): round robin over the runnable entities,
 * a full slice each, idle entities skipped.  Work-conserving; weights and
 * shares are ignored, caps apply.
 *
 * The round robin is a deficit round robin, so that it is fair in engine
 * time rather than in turns: each round adds one slice to every entity's
 * budget, the runnable entities with budget left run in round-robin order,
 * and each is charged the engine time it really used.  A slice that
 * overran (a preemption delayed on a busy host) is debt that costs the
 * entity its next turns until it is repaid; a plain round robin would give
 * whoever drew the long slices more than 1/N for good.  An idle entity
 * keeps at most one slice of credit, so it gets its turn at once when it
 * wakes, and no more than that.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/minmax.h>

#include "core/sched_policy.h"

/* @n rounds, each adding one slice to every budget. */
static void add_rounds(struct mvgpu_sched_queue *q, u64 n)
{
	struct mvgpu_sched_entity *se;
	s64 slice = q->slice_ns;

	list_for_each_entry(se, &q->entities, link)
		se->budget_ns = min(se->budget_ns + (s64)n * slice,
				    mvgpu_sched_credit_max(q, se, slice));
}

static struct mvgpu_sched_entity *best_effort_pick(struct mvgpu_sched_queue *q,
						   u64 *slice_ns)
{
	struct mvgpu_sched_entity *se = mvgpu_sched_first_eligible(q, true);
	u64 n;

	if (!se) {
		n = mvgpu_sched_rounds_needed(q, q->slice_ns);
		if (!n)
			return NULL;
		add_rounds(q, n);
		se = mvgpu_sched_first_eligible(q, true);
	}
	*slice_ns = q->slice_ns;
	return se;
}

const struct mvgpu_sched_policy_ops mvgpu_sched_best_effort_ops = {
	.name = "best_effort",
	.pick_next = best_effort_pick,
};
