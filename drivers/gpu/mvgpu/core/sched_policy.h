/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduling policy arithmetic: which vGPU gets a physical engine next and
 * for how long.  Pure logic over a caller-supplied clock (engine
 * nanoseconds); no locking, sleeping, allocation or timers of its own.
 *
 * The caller owns one struct mvgpu_sched_queue per physical engine and one
 * struct mvgpu_sched_entity per vGPU engine, and drives the queue:
 *
 *	se = mvgpu_sched_pick(q, now, &slice);
 *	if (!se)
 *		idle until now + slice or until an entity becomes runnable;
 *	else
 *		run se until it yields or the slice ends (preempt), then
 *		mvgpu_sched_account(q, se, ran, alone);
 *
 * Time is divided into balance periods of q->period_ns (100 ms).  A policy
 * gives each entity an allocation per period (its budget); the budget left
 * at the end of a period is carried over as credit or debt according to the
 * policy.  Independently of the policy, an entity with a cap never gets more
 * than cap percent of a period (see mvgpu_sched_pick()).
 *
 * Entities are charged the engine time they used, not their slices: a
 * slice that overruns (the caller preempts late on a busy host, a workload
 * does not stop at once) is debt that every policy carries until it is
 * repaid (at most MVGPU_SCHED_DEBT_MAX_NS), so the shares converge
 * however long the slices really are.  An entity that waited for the
 * engine through a whole period keeps its credit: only the others'
 * slices kept it from using its allocation (mvgpu_sched_waiting()).
 *
 * Locking: every function must be called under the lock that protects the
 * queue and all of its entities (the caller's); none of them sleeps.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_SCHED_POLICY_H_
#define _MVGPU_SCHED_POLICY_H_

#include <linux/list.h>
#include <linux/time64.h>
#include <linux/types.h>

#define MVGPU_SCHED_SLICE_MIN_NS	(1 * NSEC_PER_MSEC)
#define MVGPU_SCHED_SLICE_MAX_NS	(30 * NSEC_PER_MSEC)
#define MVGPU_SCHED_SLICE_DEFAULT_NS	(1 * NSEC_PER_MSEC)
#define MVGPU_SCHED_PERIOD_NS		(100 * NSEC_PER_MSEC)
#define MVGPU_SCHED_DEBT_MAX_NS		(10 * MVGPU_SCHED_PERIOD_NS)
#define MVGPU_SCHED_WEIGHT_MAX		100
#define MVGPU_SCHED_SHARE_FULL		1000000	/* ppm: the whole engine */
#define MVGPU_WEIGHT_FULL		16	/* type weight of a whole GPU */

/**
 * enum mvgpu_sched_policy_id - scheduling policies
 * @MVGPU_SCHED_BEST_EFFORT: deficit round robin over runnable entities:
 *	each round gives every entity one slice of budget, and the runnable
 *	ones with budget left run, a full slice each, in round-robin order;
 *	idle entities are skipped (work-conserving) and keep at most one
 *	slice of credit.  An overrun is debt that costs the entity its turns
 *	until it is repaid, so N saturating entities get 1/N of the engine's
 *	time each however long their slices run.  Weights are ignored.
 * @MVGPU_SCHED_EQUAL_SHARE: each attached entity, busy or idle, is
 *	allocated 1/N of every balance period.  An idle entity's share is not
 *	given to others: the engine idles (not work-conserving).  Slices are
 *	clipped to the budget left; an overrun is carried over as debt.
 *	Unused budget is not carried over, except by an entity that waited
 *	for the engine all period (see mvgpu_sched_waiting()).  When every
 *	entity is busy and has spent its budget before the period ends, the
 *	next period starts at once: idling would reserve time for nobody.
 * @MVGPU_SCHED_FIXED_SHARE: like equal share, but each entity is allocated
 *	its fixed share (share_ppm, normally its type's weight / 16),
 *	independent of the other entities.  If the shares sum to more than
 *	the whole engine they are scaled down proportionally.  A period
 *	starts early as for equal share, but only if the shares fill the
 *	engine: otherwise the time nobody is allocated stays idle.
 * @MVGPU_SCHED_WEIGHTED: GVT-g's time-based scheduler: each entity is
 *	allocated period * weight / total weight of attached entities; busy
 *	entities run full slices while they have budget, the one owed the
 *	most (budget relative to allocation) first, the overrun is
 *	carried over as debt and unused budget as credit: at most one
 *	allocation, or one period on top of it for an entity that waited for
 *	the engine all period.  When every runnable entity has exhausted
 *	its budget, all budgets are refilled early, so busy entities share
 *	the engine in proportion to their weights (work-conserving).
 * @MVGPU_SCHED_NR_POLICIES: number of policies
 */
enum mvgpu_sched_policy_id {
	MVGPU_SCHED_BEST_EFFORT,
	MVGPU_SCHED_EQUAL_SHARE,
	MVGPU_SCHED_FIXED_SHARE,
	MVGPU_SCHED_WEIGHTED,
	MVGPU_SCHED_NR_POLICIES,
};

/**
 * struct mvgpu_sched_entity - one vGPU engine as seen by the scheduler
 * @link: entry in the queue's list, in round-robin (LRU) order
 * @weight: relative weight, 1..MVGPU_SCHED_WEIGHT_MAX (weighted policy)
 * @share_ppm: fixed share of the engine in parts per million (fixed share)
 * @cap: at most this percentage of each balance period; 0 = no cap
 * @runnable: has work to run; set and cleared by the caller
 * @not_waiting: since the current balance period started, it did not wait
 *	for the engine all along: it could not run when the scheduler picked
 *	(not runnable, or capped), or it ran on alone
 * @alloc_ns: the policy's allocation per balance period (0: best effort)
 * @budget_ns: allocation left in the current period (best effort: in the
 *	current round); negative is debt, at least -MVGPU_SCHED_DEBT_MAX_NS
 * @cap_used_ns: time charged against @cap in the current period; above
 *	the cap (an overrun) it is carried over, at most one period
 * @runtime_ns: total engine time accounted
 *
 * Everything below @runnable is owned by the scheduler; the caller reads
 * @runtime_ns for statistics.  Migration saves @budget_ns, @cap_used_ns
 * and @runtime_ns.
 */
struct mvgpu_sched_entity {
	struct list_head link;
	unsigned int weight;
	u32 share_ppm;
	unsigned int cap;
	bool runnable;
	bool not_waiting;
	u64 alloc_ns;
	s64 budget_ns;
	u64 cap_used_ns;
	u64 runtime_ns;
};

struct mvgpu_sched_queue;

/**
 * struct mvgpu_sched_policy_ops - a scheduling policy
 * @name: the name sysfs shows and parses
 * @alloc: allocation per balance period of @se; NULL for none
 * @balance: carry budgets over into a new balance period; the second
 *	argument counts the periods since the last balance (more than one
 *	after the engine idled or a slice overran past a period); NULL for
 *	nothing to carry
 * @pick_next: the entity to run next and the length of its slice, or
 *	NULL; mvgpu_sched_pick() then clips the slice to the cap
 * @early_period: NULL, or whether, when @pick_next found nothing, a new
 *	balance period may start at once rather than at the end of this one
 *
 * Admission, departure, reweighting and switching policies recompute all
 * allocations through @alloc (mvgpu_sched_add() etc.): budgets move by
 * the change in allocation at once.  Charging time is common to all
 * policies (mvgpu_sched_account()).
 */
struct mvgpu_sched_policy_ops {
	const char *name;
	u64 (*alloc)(const struct mvgpu_sched_queue *q,
		     const struct mvgpu_sched_entity *se);
	void (*balance)(struct mvgpu_sched_queue *q, u64 periods);
	struct mvgpu_sched_entity *(*pick_next)(struct mvgpu_sched_queue *q,
						u64 *slice_ns);
	bool (*early_period)(const struct mvgpu_sched_queue *q);
};

/**
 * struct mvgpu_sched_queue - the entities competing for one physical engine
 * @entities: the entities, in round-robin (LRU) order: picked go last
 * @nr: number of entities
 * @total_weight: sum of their weights
 * @total_ppm: sum of their fixed shares
 * @policy: the policy in force
 * @ops: its operations
 * @slice_ns: time slice, MVGPU_SCHED_SLICE_MIN_NS..MVGPU_SCHED_SLICE_MAX_NS
 * @period_ns: balance period
 * @period_start: when the current balance period started (caller's clock)
 * @curr: the entity last picked, NULL if the engine was left idle (or the
 *	entity has left): whether the engine was busy since the last pick
 */
struct mvgpu_sched_queue {
	struct list_head entities;
	unsigned int nr;
	u64 total_weight;
	u64 total_ppm;
	enum mvgpu_sched_policy_id policy;
	const struct mvgpu_sched_policy_ops *ops;
	u64 slice_ns;
	u64 period_ns;
	u64 period_start;
	struct mvgpu_sched_entity *curr;
};

extern const struct mvgpu_sched_policy_ops mvgpu_sched_best_effort_ops;
extern const struct mvgpu_sched_policy_ops mvgpu_sched_equal_ops;
extern const struct mvgpu_sched_policy_ops mvgpu_sched_fixed_ops;
extern const struct mvgpu_sched_policy_ops mvgpu_sched_weighted_ops;

/* The caller's interface. */
void mvgpu_sched_queue_init(struct mvgpu_sched_queue *q,
			    enum mvgpu_sched_policy_id policy);
int mvgpu_sched_set_policy(struct mvgpu_sched_queue *q,
			   enum mvgpu_sched_policy_id policy);
int mvgpu_sched_set_slice(struct mvgpu_sched_queue *q, u64 slice_ns);
int mvgpu_sched_entity_init(struct mvgpu_sched_entity *se,
			    unsigned int weight, u32 share_ppm);
void mvgpu_sched_add(struct mvgpu_sched_queue *q,
		     struct mvgpu_sched_entity *se);
void mvgpu_sched_remove(struct mvgpu_sched_queue *q,
			struct mvgpu_sched_entity *se);
int mvgpu_sched_set_weight(struct mvgpu_sched_queue *q,
			   struct mvgpu_sched_entity *se, unsigned int weight);
int mvgpu_sched_set_share(struct mvgpu_sched_queue *q,
			  struct mvgpu_sched_entity *se, u32 share_ppm);
int mvgpu_sched_set_cap(struct mvgpu_sched_entity *se, unsigned int cap);
struct mvgpu_sched_entity *mvgpu_sched_pick(struct mvgpu_sched_queue *q,
					    u64 now, u64 *slice_ns);
void mvgpu_sched_account(struct mvgpu_sched_queue *q,
			 struct mvgpu_sched_entity *se, u64 ran_ns, u64 alone_ns);
int mvgpu_sched_policy_parse(const char *buf);
const char *mvgpu_sched_policy_name(enum mvgpu_sched_policy_id policy);
u32 mvgpu_sched_jain_ppm(const u64 *x, const u32 *w, unsigned int n);

/* For the policies. */
bool mvgpu_sched_may_run(const struct mvgpu_sched_queue *q,
			 const struct mvgpu_sched_entity *se);
bool mvgpu_sched_waiting(const struct mvgpu_sched_queue *q,
			 const struct mvgpu_sched_entity *se);
s64 mvgpu_sched_credit_max(const struct mvgpu_sched_queue *q,
			   const struct mvgpu_sched_entity *se, s64 idle_max);
struct mvgpu_sched_entity *
mvgpu_sched_first_eligible(struct mvgpu_sched_queue *q, bool need_budget);
struct mvgpu_sched_entity *mvgpu_sched_most_owed(struct mvgpu_sched_queue *q);
u64 mvgpu_sched_rounds_needed(struct mvgpu_sched_queue *q, u64 quantum);

#endif /* _MVGPU_SCHED_POLICY_H_ */
