// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scheduling policy arithmetic common to all policies: the queue, entity
 * admission and departure, balance periods, caps, charging time, the
 * policy table and Jain's fairness index.  See core/sched_policy.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "core/sched_policy.h"

/* More idle periods than this make no difference to any carry-over. */
#define MAX_ROLL_PERIODS	BIT_ULL(20)

static const struct mvgpu_sched_policy_ops *const
sched_policies[MVGPU_SCHED_NR_POLICIES] = {
	[MVGPU_SCHED_BEST_EFFORT] = &mvgpu_sched_best_effort_ops,
	[MVGPU_SCHED_EQUAL_SHARE] = &mvgpu_sched_equal_ops,
	[MVGPU_SCHED_FIXED_SHARE] = &mvgpu_sched_fixed_ops,
	[MVGPU_SCHED_WEIGHTED] = &mvgpu_sched_weighted_ops,
};

static u64 cap_ns(const struct mvgpu_sched_queue *q,
		  const struct mvgpu_sched_entity *se)
{
	return div_u64(q->period_ns * se->cap, 100);
}

static bool capped(const struct mvgpu_sched_queue *q,
		   const struct mvgpu_sched_entity *se)
{
	return se->cap && se->cap_used_ns >= cap_ns(q, se);
}

/*
 * Recompute the allocations.  A change takes effect at once: each budget
 * moves by the change in its allocation, so the budgets of a period stay
 * within the period when entities come and go.
 */
static void realloc_all(struct mvgpu_sched_queue *q)
{
	struct mvgpu_sched_entity *se;
	u64 alloc;

	list_for_each_entry(se, &q->entities, link) {
		alloc = q->ops->alloc ? q->ops->alloc(q, se) : 0;
		se->budget_ns += (s64)alloc - (s64)se->alloc_ns;
		se->alloc_ns = alloc;
	}
}

static bool queued(const struct mvgpu_sched_entity *se)
{
	return !list_empty(&se->link);
}

/**
 * mvgpu_sched_queue_init() - initialize an empty queue
 * @q: the queue
 * @policy: its policy; an invalid one selects best effort
 *
 * The slice is MVGPU_SCHED_SLICE_DEFAULT_NS, the balance period
 * MVGPU_SCHED_PERIOD_NS; the first period starts at the first pick.
 */
void mvgpu_sched_queue_init(struct mvgpu_sched_queue *q,
			    enum mvgpu_sched_policy_id policy)
{
	memset(q, 0, sizeof(*q));
	INIT_LIST_HEAD(&q->entities);
	q->slice_ns = MVGPU_SCHED_SLICE_DEFAULT_NS;
	q->period_ns = MVGPU_SCHED_PERIOD_NS;
	if (mvgpu_sched_set_policy(q, policy))
		mvgpu_sched_set_policy(q, MVGPU_SCHED_BEST_EFFORT);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_queue_init);

/**
 * mvgpu_sched_set_policy() - switch policies at run time
 * @q: the queue
 * @policy: the new policy
 *
 * Allocations are recomputed and every budget restarts at one allocation
 * of the new policy (debt and credit of the old one are dropped).  Total
 * runtimes, cap accounting and the period are kept.
 *
 * Return: 0, or -EINVAL for an unknown policy.
 */
int mvgpu_sched_set_policy(struct mvgpu_sched_queue *q,
			   enum mvgpu_sched_policy_id policy)
{
	struct mvgpu_sched_entity *se;

	if ((unsigned int)policy >= MVGPU_SCHED_NR_POLICIES)
		return -EINVAL;
	q->policy = policy;
	q->ops = sched_policies[policy];
	realloc_all(q);
	list_for_each_entry(se, &q->entities, link)
		se->budget_ns = se->alloc_ns;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_policy);

/**
 * mvgpu_sched_set_slice() - set the time slice
 * @q: the queue
 * @slice_ns: MVGPU_SCHED_SLICE_MIN_NS..MVGPU_SCHED_SLICE_MAX_NS (1-30 ms)
 *
 * Takes effect at the next pick.
 *
 * Return: 0, or -EINVAL out of range.
 */
int mvgpu_sched_set_slice(struct mvgpu_sched_queue *q, u64 slice_ns)
{
	if (slice_ns < MVGPU_SCHED_SLICE_MIN_NS ||
	    slice_ns > MVGPU_SCHED_SLICE_MAX_NS)
		return -EINVAL;
	q->slice_ns = slice_ns;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_slice);

/**
 * mvgpu_sched_entity_init() - initialize an entity, not on any queue
 * @se: the entity
 * @weight: 1..MVGPU_SCHED_WEIGHT_MAX (a type's weight: 16 for a whole GPU)
 * @share_ppm: fixed share, 1..MVGPU_SCHED_SHARE_FULL parts per million
 *	(a type's weight / MVGPU_WEIGHT_FULL)
 *
 * The entity starts not runnable, without a cap.
 *
 * Return: 0, or -EINVAL for a weight or share out of range.
 */
int mvgpu_sched_entity_init(struct mvgpu_sched_entity *se,
			    unsigned int weight, u32 share_ppm)
{
	if (!weight || weight > MVGPU_SCHED_WEIGHT_MAX ||
	    !share_ppm || share_ppm > MVGPU_SCHED_SHARE_FULL)
		return -EINVAL;
	memset(se, 0, sizeof(*se));
	INIT_LIST_HEAD(&se->link);
	se->weight = weight;
	se->share_ppm = share_ppm;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_entity_init);

/**
 * mvgpu_sched_add() - admit an entity
 * @q: the queue
 * @se: an initialized entity on no queue
 *
 * The entity goes last in round-robin order with a budget of one
 * allocation.  The allocations of the others are recomputed and their
 * budgets in the current period move by the change.
 */
void mvgpu_sched_add(struct mvgpu_sched_queue *q,
		     struct mvgpu_sched_entity *se)
{
	se->alloc_ns = 0;
	se->budget_ns = 0;
	list_add_tail(&se->link, &q->entities);
	q->nr++;
	q->total_weight += se->weight;
	q->total_ppm += se->share_ppm;
	realloc_all(q);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_add);

/**
 * mvgpu_sched_remove() - an entity departs
 * @q: the queue
 * @se: an entity on @q, not running (its time accounted)
 *
 * The allocations of the others are recomputed and their budgets in the
 * current period move by the change.  @se keeps its runtime.
 */
void mvgpu_sched_remove(struct mvgpu_sched_queue *q,
			struct mvgpu_sched_entity *se)
{
	list_del_init(&se->link);
	q->nr--;
	q->total_weight -= se->weight;
	q->total_ppm -= se->share_ppm;
	if (q->curr == se)
		q->curr = NULL;
	se->alloc_ns = 0;
	se->budget_ns = 0;
	realloc_all(q);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_remove);

/**
 * mvgpu_sched_set_weight() - change an entity's weight
 * @q: the queue @se is on (ignored if it is on none)
 * @se: the entity
 * @weight: 1..MVGPU_SCHED_WEIGHT_MAX
 *
 * Return: 0, or -EINVAL out of range.
 */
int mvgpu_sched_set_weight(struct mvgpu_sched_queue *q,
			   struct mvgpu_sched_entity *se, unsigned int weight)
{
	if (!weight || weight > MVGPU_SCHED_WEIGHT_MAX)
		return -EINVAL;
	if (queued(se))
		q->total_weight += (u64)weight - se->weight;
	se->weight = weight;
	if (queued(se))
		realloc_all(q);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_weight);

/**
 * mvgpu_sched_set_share() - change an entity's fixed share
 * @q: the queue @se is on (ignored if it is on none)
 * @se: the entity
 * @share_ppm: 1..MVGPU_SCHED_SHARE_FULL parts per million
 *
 * Return: 0, or -EINVAL out of range.
 */
int mvgpu_sched_set_share(struct mvgpu_sched_queue *q,
			  struct mvgpu_sched_entity *se, u32 share_ppm)
{
	if (!share_ppm || share_ppm > MVGPU_SCHED_SHARE_FULL)
		return -EINVAL;
	if (queued(se))
		q->total_ppm += (u64)share_ppm - se->share_ppm;
	se->share_ppm = share_ppm;
	if (queued(se))
		realloc_all(q);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_share);

/**
 * mvgpu_sched_set_cap() - limit an entity's engine time, under any policy
 * @se: the entity
 * @cap: at most this percentage of each balance period, 1..100; 0 for none
 *
 * Return: 0, or -EINVAL above 100.
 */
int mvgpu_sched_set_cap(struct mvgpu_sched_entity *se, unsigned int cap)
{
	if (cap > 100)
		return -EINVAL;
	se->cap = cap;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_set_cap);

/*
 * @periods balance periods have passed: carry budgets over, then pay caps
 * (an entity its cap held back was not waiting for the engine).
 */
static void new_periods(struct mvgpu_sched_queue *q, u64 periods)
{
	struct mvgpu_sched_entity *se;

	periods = min(periods, MAX_ROLL_PERIODS);
	if (q->ops->balance)
		q->ops->balance(q, periods);
	list_for_each_entry(se, &q->entities, link) {
		u64 paid = periods * cap_ns(q, se);

		se->cap_used_ns = se->cap_used_ns > paid ?
				  min(se->cap_used_ns - paid, q->period_ns) : 0;
		se->not_waiting = false;
	}
}

/* Start a new balance period if @now is past the current one. */
static void roll_period(struct mvgpu_sched_queue *q, u64 now)
{
	u64 periods;

	if (now < q->period_start || now - q->period_start < q->period_ns)
		return;
	periods = div64_u64(now - q->period_start, q->period_ns);
	q->period_start += periods * q->period_ns;
	new_periods(q, periods);
}

/**
 * mvgpu_sched_may_run() - whether an entity may run, budget aside
 * @q: the queue
 * @se: an entity on @q
 *
 * Return: true if @se is runnable and has not reached its cap.
 */
bool mvgpu_sched_may_run(const struct mvgpu_sched_queue *q,
			 const struct mvgpu_sched_entity *se)
{
	return se->runnable && !capped(q, se);
}

/**
 * mvgpu_sched_waiting() - whether an entity waited for the engine
 * @q: the queue
 * @se: an entity on @q
 *
 * For the policies' balance: @se may run, it could run at every pick of
 * the period that is ending and did not run on alone, and the engine was
 * busy since the last pick (@q->curr).  The budget @se has left was kept
 * from it by the others' slices (which may have overrun), not left unused
 * because it had nothing to run for a while, its cap held it back, nobody
 * else wanted the engine, or the engine idled.
 *
 * Return: true if @se waited.
 */
bool mvgpu_sched_waiting(const struct mvgpu_sched_queue *q,
			 const struct mvgpu_sched_entity *se)
{
	return q->curr && !se->not_waiting && mvgpu_sched_may_run(q, se);
}

/**
 * mvgpu_sched_credit_max() - the most budget an entity may carry over
 * @q: the queue
 * @se: an entity on @q
 * @idle_max: the policy's bound for an entity that is not waiting
 *
 * An entity that waited for the engine (mvgpu_sched_waiting()) keeps its
 * credit, up to one balance period on top of its allocation: a round of
 * slices may outlast a period when slices overrun (64 entities at 10 ms
 * each take 640 ms), and dropping the credit of whoever waits for its
 * turn would take most from the heaviest entities, which need the most
 * turns, and flatten the shares toward equal.  The bound is a safety net
 * the waits of a busy engine do not reach.
 *
 * Return: the bound, at least @idle_max.
 */
s64 mvgpu_sched_credit_max(const struct mvgpu_sched_queue *q,
			   const struct mvgpu_sched_entity *se, s64 idle_max)
{
	if (!mvgpu_sched_waiting(q, se))
		return idle_max;
	return max_t(s64, idle_max, se->alloc_ns + q->period_ns);
}

/**
 * mvgpu_sched_first_eligible() - the first entity, in round-robin order,
 * that may run
 * @q: the queue
 * @need_budget: the entity must also have budget left
 *
 * Return: the entity, or NULL.
 */
struct mvgpu_sched_entity *
mvgpu_sched_first_eligible(struct mvgpu_sched_queue *q, bool need_budget)
{
	struct mvgpu_sched_entity *se;

	list_for_each_entry(se, &q->entities, link) {
		if (!mvgpu_sched_may_run(q, se))
			continue;
		if (need_budget && se->budget_ns <= 0)
			continue;
		return se;
	}
	return NULL;
}

/**
 * mvgpu_sched_rounds_needed() - refills before an entity may run again
 * @q: the queue
 * @quantum: the budget a refill adds to every entity; 0 for each entity's
 *	allocation
 *
 * For the work-conserving policies, when no entity that may run has
 * budget left (all are in debt or at zero).
 *
 * Return: the fewest refills that give some entity that may run budget,
 * or 0 if no entity may run.
 */
u64 mvgpu_sched_rounds_needed(struct mvgpu_sched_queue *q, u64 quantum)
{
	struct mvgpu_sched_entity *se;
	u64 n = 0, k;

	list_for_each_entry(se, &q->entities, link) {
		if (!mvgpu_sched_may_run(q, se) || se->budget_ns > 0)
			continue;
		k = div64_u64(-se->budget_ns, quantum ?: se->alloc_ns) + 1;
		if (!n || k < n)
			n = k;
	}
	return n;
}

/**
 * mvgpu_sched_most_owed() - the entity that may run owed the most
 * @q: the queue
 *
 * The largest budget left relative to its allocation wins; ties go to the
 * one that waited longest (round-robin order).  Plain round robin hands
 * each entity one slice per round whatever its slices cost, so the
 * entities that drew long slices (overruns on a loaded host) would get
 * more than their share until their debt crosses zero, and with many
 * entities a round outlasts a balance period and the heavy ones, which
 * need several slices to spend their budget, would wait as long as the
 * light ones.
 *
 * Return: the entity, or NULL if none that may run has budget left.
 */
struct mvgpu_sched_entity *mvgpu_sched_most_owed(struct mvgpu_sched_queue *q)
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

static bool others_may_run(const struct mvgpu_sched_queue *q,
			   const struct mvgpu_sched_entity *se)
{
	const struct mvgpu_sched_entity *o;

	list_for_each_entry(o, &q->entities, link)
		if (o != se && mvgpu_sched_may_run(q, o))
			return true;
	return false;
}

/**
 * mvgpu_sched_pick() - choose who runs next on the engine
 * @q: the queue
 * @now: the caller's clock, in engine nanoseconds, never going backwards
 * @slice_ns: returns how long the entity may run, or how long the engine
 *	may stay idle before it is worth picking again (the end of the
 *	balance period) if no entity becomes runnable meanwhile
 *
 * Starts a new balance period if one is due, then asks the policy.  The
 * entity picked goes last in round-robin order and its slice never takes
 * it past its cap.  The caller preempts it at the end of the slice (or
 * lets it finish its workload: the overrun is accounted as debt) and
 * charges the time it ran with mvgpu_sched_account() before it picks
 * again: from the pick to that charge the engine counts as busy.
 *
 * Return: the entity to run, or NULL to leave the engine idle.
 */
struct mvgpu_sched_entity *mvgpu_sched_pick(struct mvgpu_sched_queue *q,
					    u64 now, u64 *slice_ns)
{
	struct mvgpu_sched_entity *se;

	roll_period(q, now);
	list_for_each_entry(se, &q->entities, link)
		se->not_waiting |= !mvgpu_sched_may_run(q, se);
	se = q->ops->pick_next(q, slice_ns);
	if (!se && q->ops->early_period && q->ops->early_period(q)) {
		q->period_start = now;
		new_periods(q, 1);
		se = q->ops->pick_next(q, slice_ns);
	}
	q->curr = se;
	if (!se) {
		*slice_ns = q->period_start + q->period_ns - now;
		return NULL;
	}
	/*
	 * Nobody else wants the engine: what @se has left of its budget was
	 * not kept from it, so it carries no waiting credit into the next
	 * period (under a policy that is not work-conserving, which never
	 * sees alone time, as under one that is).
	 */
	if (!others_may_run(q, se))
		se->not_waiting = true;
	if (se->cap)
		*slice_ns = min(*slice_ns, cap_ns(q, se) - se->cap_used_ns);
	list_move_tail(&se->link, &q->entities);
	return se;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_pick);

/**
 * mvgpu_sched_account() - charge engine time to an entity
 * @q: the queue
 * @se: the entity that ran, still on @q
 * @ran_ns: the engine time it used since the pick, however far beyond its
 *	slice: what it really held the engine for, not the slice it was given
 * @alone_ns: how much of @ran_ns it ran on alone, while no other entity
 *	could use the engine (at most @ran_ns; only under a work-conserving
 *	policy, and never with a cap)
 *
 * All of @ran_ns is runtime and counts against the cap.  The budget is
 * charged all of it but @alone_ns: engine time taken while others waited
 * is debt, carried over by every policy until it is repaid, so an entity
 * whose slices overrun (a busy host delays the preemption, a workload
 * stops late) gets no more than its share in the long run, and slices
 * that overrun for everyone leave the shares as they are.  Time nobody
 * else wanted is not debt: a work-conserving policy gives it away, as its
 * early refills do slice by slice.  Debt is bounded at
 * MVGPU_SCHED_DEBT_MAX_NS (ten periods, more than the longest stall of a
 * loaded test VM, 0.8 s), so that a workload that ran until it was
 * declared hung does not starve its vGPU for long.
 */
void mvgpu_sched_account(struct mvgpu_sched_queue *q,
			 struct mvgpu_sched_entity *se, u64 ran_ns, u64 alone_ns)
{
	/* Credit is below MVGPU_SCHED_DEBT_MAX_NS: enough to hit the bound. */
	u64 debt = min_t(u64, ran_ns - min(alone_ns, ran_ns),
			 2 * MVGPU_SCHED_DEBT_MAX_NS);

	se->runtime_ns += ran_ns;
	se->cap_used_ns += min(ran_ns, 2 * q->period_ns);
	se->not_waiting |= alone_ns > 0;
	se->budget_ns = max(se->budget_ns - (s64)debt,
			    -(s64)MVGPU_SCHED_DEBT_MAX_NS);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_account);

/**
 * mvgpu_sched_policy_parse() - a policy from its name (sysfs, parameters)
 * @buf: the name, optionally followed by a newline
 *
 * Return: the policy, or -EINVAL.
 */
int mvgpu_sched_policy_parse(const char *buf)
{
	unsigned int i;

	for (i = 0; i < MVGPU_SCHED_NR_POLICIES; i++)
		if (sysfs_streq(buf, sched_policies[i]->name))
			return i;
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_policy_parse);

/**
 * mvgpu_sched_policy_name() - the name of a policy
 * @policy: the policy
 *
 * Return: its name, or NULL for an unknown policy.
 */
const char *mvgpu_sched_policy_name(enum mvgpu_sched_policy_id policy)
{
	if ((unsigned int)policy >= MVGPU_SCHED_NR_POLICIES)
		return NULL;
	return sched_policies[policy]->name;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_policy_name);

/**
 * mvgpu_sched_jain_ppm() - Jain's fairness index
 * @x: what each of @n parties received (e.g. engine time)
 * @w: their weights, to compare x[i] / w[i]; NULL for equal weights
 * @n: number of parties, 1..65536
 *
 * J = (sum y)^2 / (n * sum y^2) with y[i] = x[i] / w[i]: 1 when all are
 * equal, 1/n when one party got everything.  Weights must be nonzero.
 *
 * Return: J in parts per million, 1000000 for all parties equal (or all
 * zero); 0 for @n out of range.
 */
u32 mvgpu_sched_jain_ppm(const u64 *x, const u32 *w, unsigned int n)
{
	u64 y, max = 0, sum = 0, sumsq = 0;
	unsigned int i, bits, shift;

	if (!n || n > 65536)
		return 0;
	for (i = 0; i < n; i++)
		max = max(max, w ? div_u64(x[i], w[i]) : x[i]);
	if (!max)
		return MVGPU_SCHED_SHARE_FULL;

	/* y < 2^bits keeps sum^2 and n * sum y^2 below 2^62. */
	bits = 31 - order_base_2(n);
	shift = fls64(max) > bits ? fls64(max) - bits : 0;
	for (i = 0; i < n; i++) {
		y = (w ? div_u64(x[i], w[i]) : x[i]) >> shift;
		sum += y;
		sumsq += y * y;
	}
	if (!sumsq)
		return MVGPU_SCHED_SHARE_FULL;
	return mul_u64_u64_div_u64(sum * sum, MVGPU_SCHED_SHARE_FULL,
				   (u64)n * sumsq);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_sched_jain_ppm);
