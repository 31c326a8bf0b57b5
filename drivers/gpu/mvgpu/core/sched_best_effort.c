// SPDX-License-Identifier: GPL-2.0-only
/*
 * Best effort (NVIDIA's default): round robin over the runnable entities,
 * a full slice each, idle entities skipped.  Work-conserving; weights and
 * shares are ignored, caps apply.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include "core/sched_policy.h"

static struct mvgpu_sched_entity *best_effort_pick(struct mvgpu_sched_queue *q,
						   u64 *slice_ns)
{
	*slice_ns = q->slice_ns;
	return mvgpu_sched_first_eligible(q, false);
}

const struct mvgpu_sched_policy_ops mvgpu_sched_best_effort_ops = {
	.name = "best_effort",
	.pick_next = best_effort_pick,
};
