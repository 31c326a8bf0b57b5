// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: scheduling policy arithmetic against a fake clock.  A simulated
 * engine picks, runs the entity for its slice (or until it yields), charges
 * the time and advances the clock; the measured shares are compared with
 * each policy's target (the fairness oracle: within 2% absolute).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/math64.h>

#include "core/sched_policy.h"

#define MS		NSEC_PER_MSEC
#define SEC		NSEC_PER_SEC
#define PPM		MVGPU_SCHED_SHARE_FULL
#define SETTLE_NS	(1 * SEC)
#define WINDOW_NS	(4 * SEC)
#define TOL_ABS_PPM	20000	/* the oracle: 2% of the engine */
#define TOL_REL_PCT	5	/* and 5% of the target, for small shares, */
#define TOL_SLACK_PPM	500	/* give or take 2 ms slices in the window */
#define LOADED_SETTLE_NS	(2 * SEC)
#define LOADED_WINDOW_NS	(100 * SEC)
#define LOADED_TOL_PPM		3000	/* 0.3 % of the engine, long run */
#define LOADED_TOL_REL_PCT	15

static const unsigned int mixed_weights[] = { 16, 8, 4, 2, 1 };

/**
 * struct sim - a simulated engine
 * @q: its queue
 * @se: the entities
 * @n: how many
 * @now: the fake clock
 * @idle_ns: time the engine was left idle
 * @burst_ns: per entity, how long it runs before yielding; 0: saturating
 * @overrun_ns: per entity, how far it runs past each slice
 * @sleep_ns: per entity, how long it sleeps after each run; 0: never
 * @wake_at: per entity, when it wakes from its sleep
 * @loaded: every slice also overruns by loaded_overrun(), as on a loaded
 *	host where preemptions come late
 * @rng: state of the pseudo-random overruns
 * @cap_violations: charges that took an entity past its cap
 */
struct sim {
	struct mvgpu_sched_queue q;
	struct mvgpu_sched_entity *se;
	unsigned int n;
	u64 now;
	u64 idle_ns;
	u64 *burst_ns;
	u64 *overrun_ns;
	u64 *sleep_ns;
	u64 *wake_at;
	bool loaded;
	u32 rng;
	unsigned int cap_violations;
};

static struct sim *sim_new(struct kunit *test,
			   enum mvgpu_sched_policy_id policy, unsigned int n)
{
	struct sim *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->se = kunit_kcalloc(test, n, sizeof(*s->se), GFP_KERNEL);
	s->burst_ns = kunit_kcalloc(test, n, sizeof(u64), GFP_KERNEL);
	s->overrun_ns = kunit_kcalloc(test, n, sizeof(u64), GFP_KERNEL);
	s->sleep_ns = kunit_kcalloc(test, n, sizeof(u64), GFP_KERNEL);
	s->wake_at = kunit_kcalloc(test, n, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->sleep_ns);
	KUNIT_ASSERT_NOT_NULL(test, s->wake_at);
	KUNIT_ASSERT_NOT_NULL(test, s->se);
	KUNIT_ASSERT_NOT_NULL(test, s->burst_ns);
	KUNIT_ASSERT_NOT_NULL(test, s->overrun_ns);
	s->n = n;
	s->rng = 2463534242u;
	mvgpu_sched_queue_init(&s->q, policy);
	return s;
}

/* Entity @i: initialized, runnable and admitted. */
static void sim_add(struct kunit *test, struct sim *s, unsigned int i,
		    unsigned int weight, u32 share_ppm)
{
	KUNIT_ASSERT_EQ(test, mvgpu_sched_entity_init(&s->se[i], weight,
						      share_ppm), 0);
	s->se[i].runnable = true;
	mvgpu_sched_add(&s->q, &s->se[i]);
}

static unsigned int sim_index(struct sim *s, struct mvgpu_sched_entity *se)
{
	return se - s->se;
}

/* Wake sleepers due; return the time until the next wakes (or @limit). */
static u64 sim_wake(struct sim *s, u64 limit)
{
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		if (!s->sleep_ns[i] || s->se[i].runnable)
			continue;
		if (s->wake_at[i] <= s->now)
			s->se[i].runnable = true;
		else
			limit = min(limit, s->wake_at[i] - s->now);
	}
	return limit;
}

/*
 * How late a slice ends on a loaded host: mostly a few milliseconds, one
 * slice in eight 20 or 60 ms (the scheduler or engine thread waited for a
 * CPU), 7.4 ms on average, like the slices of a loaded test VM (xorshift,
 * deterministic).
 */
static u64 loaded_overrun(struct sim *s)
{
	static const u32 us[16] = {
		200, 300, 500, 800, 1000, 1500, 2000, 2500,
		3000, 3500, 4000, 5000, 6000, 8000, 20000, 60000,
	};

	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 17;
	s->rng ^= s->rng << 5;
	return us[s->rng % 16] * NSEC_PER_USEC;
}

static void sim_run(struct sim *s, u64 duration)
{
	u64 end = s->now + duration, slice, ran;
	struct mvgpu_sched_entity *se;
	unsigned int i;

	while (s->now < end) {
		sim_wake(s, 0);
		se = mvgpu_sched_pick(&s->q, s->now, &slice);
		if (!se) {
			ran = sim_wake(s, min(slice, end - s->now));
			s->idle_ns += ran;
			s->now += ran;
			continue;
		}
		i = sim_index(s, se);
		ran = s->burst_ns[i] ? min(slice, s->burst_ns[i]) :
		      slice + s->overrun_ns[i];
		if (s->loaded)
			ran += loaded_overrun(s);
		mvgpu_sched_account(&s->q, se, ran, 0);
		if (se->cap && !s->overrun_ns[i] &&
		    se->cap_used_ns > div_u64(s->q.period_ns * se->cap, 100))
			s->cap_violations++;
		s->now += ran;
		if (s->sleep_ns[i]) {
			se->runnable = false;
			s->wake_at[i] = s->now + s->sleep_ns[i];
		}
	}
}

/* Run @duration; return each entity's share of it in ppm (kunit-managed). */
static u64 *sim_measure(struct kunit *test, struct sim *s, u64 duration)
{
	u64 *share = kunit_kcalloc(test, s->n, sizeof(u64), GFP_KERNEL);
	u64 start = s->now;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, share);
	for (i = 0; i < s->n; i++)
		share[i] = s->se[i].runtime_ns;
	sim_run(s, duration);
	for (i = 0; i < s->n; i++)
		share[i] = div64_u64((s->se[i].runtime_ns - share[i]) * 1000,
				     div_u64(s->now - start, 1000));
	return share;
}

static u64 udiff(u64 a, u64 b)
{
	return a > b ? a - b : b - a;
}

static void expect_share(struct kunit *test, u64 got, u64 target,
			 unsigned int i)
{
	u64 diff = got > target ? got - target : target - got;

	KUNIT_EXPECT_LE_MSG(test, diff, TOL_ABS_PPM,
			    "entity %u: share %llu ppm, target %llu", i, got,
			    target);
	KUNIT_EXPECT_LE_MSG(test, diff * 100,
			    target * TOL_REL_PCT + 100 * TOL_SLACK_PPM,
			    "entity %u: share %llu ppm, target %llu", i, got,
			    target);
}

/* ---- the fairness oracle: N saturating entities, each policy --------- */

struct oracle_param {
	enum mvgpu_sched_policy_id policy;
	unsigned int n;
	bool mixed;
};

static const struct oracle_param oracle_params[] = {
	{ MVGPU_SCHED_BEST_EFFORT, 2, false },
	{ MVGPU_SCHED_BEST_EFFORT, 8, false },
	{ MVGPU_SCHED_BEST_EFFORT, 64, false },
	{ MVGPU_SCHED_BEST_EFFORT, 2, true },
	{ MVGPU_SCHED_BEST_EFFORT, 8, true },
	{ MVGPU_SCHED_BEST_EFFORT, 64, true },
	{ MVGPU_SCHED_EQUAL_SHARE, 2, false },
	{ MVGPU_SCHED_EQUAL_SHARE, 8, false },
	{ MVGPU_SCHED_EQUAL_SHARE, 64, false },
	{ MVGPU_SCHED_EQUAL_SHARE, 2, true },
	{ MVGPU_SCHED_EQUAL_SHARE, 8, true },
	{ MVGPU_SCHED_EQUAL_SHARE, 64, true },
	{ MVGPU_SCHED_FIXED_SHARE, 2, false },
	{ MVGPU_SCHED_FIXED_SHARE, 8, false },
	{ MVGPU_SCHED_FIXED_SHARE, 64, false },
	{ MVGPU_SCHED_FIXED_SHARE, 2, true },
	{ MVGPU_SCHED_FIXED_SHARE, 8, true },
	{ MVGPU_SCHED_FIXED_SHARE, 64, true },
	{ MVGPU_SCHED_WEIGHTED, 2, false },
	{ MVGPU_SCHED_WEIGHTED, 8, false },
	{ MVGPU_SCHED_WEIGHTED, 64, false },
	{ MVGPU_SCHED_WEIGHTED, 2, true },
	{ MVGPU_SCHED_WEIGHTED, 8, true },
	{ MVGPU_SCHED_WEIGHTED, 64, true },
};

static void oracle_desc(const struct oracle_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s N=%u %s weights",
		 mvgpu_sched_policy_name(p->policy), p->n,
		 p->mixed ? "mixed" : "equal");
}

KUNIT_ARRAY_PARAM(oracle, oracle_params, oracle_desc);

/* The share the policy promises to entity @i when all runnable ones are busy. */
static u64 target_ppm(struct sim *s, unsigned int i)
{
	struct mvgpu_sched_entity *se = &s->se[i];
	u64 runnable = 0, weight = 0;
	unsigned int j;

	for (j = 0; j < s->n; j++) {
		if (list_empty(&s->se[j].link) || !s->se[j].runnable)
			continue;
		runnable++;
		weight += s->se[j].weight;
	}
	if (!se->runnable || list_empty(&se->link))
		return 0;
	switch (s->q.policy) {
	case MVGPU_SCHED_BEST_EFFORT:
		return div64_u64(PPM, runnable);
	case MVGPU_SCHED_EQUAL_SHARE:
		return PPM / s->q.nr;
	case MVGPU_SCHED_FIXED_SHARE:
		return div64_u64((u64)se->share_ppm * PPM,
				 max_t(u64, s->q.total_ppm, PPM));
	default:
		return div64_u64((u64)se->weight * PPM, weight);
	}
}

static void expect_targets(struct kunit *test, struct sim *s, const u64 *share)
{
	u64 *norm = kunit_kcalloc(test, s->n, sizeof(u64), GFP_KERNEL);
	unsigned int i, m = 0;
	u64 target;

	KUNIT_ASSERT_NOT_NULL(test, norm);
	for (i = 0; i < s->n; i++) {
		target = target_ppm(s, i);
		expect_share(test, share[i], target, i);
		if (target)
			norm[m++] = div64_u64(share[i] * PPM, target);
	}
	if (m)
		KUNIT_EXPECT_GE(test, mvgpu_sched_jain_ppm(norm, NULL, m),
				998000);
}

static void oracle(struct kunit *test)
{
	const struct oracle_param *p = test->param_value;
	unsigned int i, w, sum_w = 0;
	struct sim *s = sim_new(test, p->policy, p->n);

	for (i = 0; i < p->n; i++)
		sum_w += p->mixed ? mixed_weights[i % 5] : 4;
	/* Fixed shares fill half the engine, in proportion to the weights. */
	for (i = 0; i < p->n; i++) {
		w = p->mixed ? mixed_weights[i % 5] : 4;
		sim_add(test, s, i, w, div_u64((u64)PPM * w, 2 * sum_w));
	}
	sim_run(s, SETTLE_NS);
	expect_targets(test, s, sim_measure(test, s, WINDOW_NS));
	/* Only fixed share (filling half the engine) leaves it idle. */
	if (p->policy == MVGPU_SCHED_FIXED_SHARE)
		expect_share(test, div64_u64(s->idle_ns * 1000,
					     div_u64(s->now, 1000)),
			     PPM / 2, p->n);
	else
		KUNIT_EXPECT_EQ(test, s->idle_ns, 0);
}

/* ---- idle entities ---------------------------------------------------- */

static struct sim *four_one_idle(struct kunit *test,
				 enum mvgpu_sched_policy_id policy)
{
	static const unsigned int weights[] = { 16, 8, 4, 16 };
	struct sim *s = sim_new(test, policy, 4);
	unsigned int i;

	for (i = 0; i < 4; i++)
		sim_add(test, s, i, weights[i], PPM / 4);
	s->se[3].runnable = false;
	sim_run(s, SETTLE_NS);
	return s;
}

static void best_effort_skips_idle(struct kunit *test)
{
	struct sim *s = four_one_idle(test, MVGPU_SCHED_BEST_EFFORT);

	expect_targets(test, s, sim_measure(test, s, WINDOW_NS));
	KUNIT_EXPECT_EQ(test, s->idle_ns, 0);
	KUNIT_EXPECT_EQ(test, s->se[3].runtime_ns, 0);
}

static void equal_share_leaves_idle_share(struct kunit *test)
{
	struct sim *s = four_one_idle(test, MVGPU_SCHED_EQUAL_SHARE);
	u64 *share = sim_measure(test, s, WINDOW_NS);
	unsigned int i;

	for (i = 0; i < 3; i++)
		expect_share(test, share[i], PPM / 4, i);
	/* The idle entity's quarter is left unused, every period. */
	KUNIT_EXPECT_EQ(test, s->idle_ns, (SETTLE_NS + WINDOW_NS) / 4);
}

static void weighted_gives_idle_share_to_busy(struct kunit *test)
{
	struct sim *s = four_one_idle(test, MVGPU_SCHED_WEIGHTED);

	/* 16 : 8 : 4 among the busy ones, nothing idle. */
	expect_targets(test, s, sim_measure(test, s, WINDOW_NS));
	KUNIT_EXPECT_EQ(test, s->idle_ns, 0);
}

static void idle_until_period_end(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_EQUAL_SHARE, 2);
	struct mvgpu_sched_entity *se;
	u64 slice;

	sim_add(test, s, 0, 1, PPM);
	sim_add(test, s, 1, 1, PPM);
	s->se[1].runnable = false;
	/* Entity 0 has 50 ms per period: 50 slices, then the engine idles. */
	sim_run(s, 50 * MS);
	KUNIT_EXPECT_EQ(test, s->se[0].runtime_ns, 50 * MS);
	KUNIT_EXPECT_NULL(test, mvgpu_sched_pick(&s->q, 60 * MS, &slice));
	KUNIT_EXPECT_EQ(test, slice, 40 * MS);
	KUNIT_EXPECT_NULL(test, s->q.curr);
	/* An entity waking with budget left runs at once. */
	s->se[1].runnable = true;
	se = mvgpu_sched_pick(&s->q, 60 * MS, &slice);
	KUNIT_EXPECT_PTR_EQ(test, se, &s->se[1]);
	KUNIT_EXPECT_EQ(test, slice, MVGPU_SCHED_SLICE_DEFAULT_NS);
	/* The next period gives entity 0 a fresh budget. */
	se = mvgpu_sched_pick(&s->q, 100 * MS, &slice);
	KUNIT_EXPECT_PTR_EQ(test, se, &s->se[0]);
	KUNIT_EXPECT_EQ(test, s->se[0].budget_ns, 50 * MS);
}

/*
 * Equal and fixed share idle only to keep an idle entity's share free, or
 * time nobody is allocated: with every entity busy and the engine fully
 * allocated, spent budgets start the next period at once.
 */
static void share_period_starts_early(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_EQUAL_SHARE, 2);
	struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1], *se;
	u64 slice;

	sim_add(test, s, 0, 1, PPM / 4);
	sim_add(test, s, 1, 1, PPM / 4);
	a->budget_ns = 0;
	b->budget_ns = -(s64)MS;
	se = mvgpu_sched_pick(&s->q, 50 * MS, &slice);
	KUNIT_EXPECT_PTR_EQ(test, se, a);
	KUNIT_EXPECT_EQ(test, s->q.period_start, 50 * MS);
	KUNIT_EXPECT_EQ(test, a->budget_ns, 50 * MS);
	KUNIT_EXPECT_EQ(test, b->budget_ns, 49 * MS);	/* debt carried */

	/* An idle entity's share stays free: the engine idles. */
	a->budget_ns = 0;
	b->budget_ns = 0;
	b->runnable = false;
	KUNIT_EXPECT_NULL(test, mvgpu_sched_pick(&s->q, 60 * MS, &slice));
	KUNIT_EXPECT_EQ(test, slice, 90 * MS);
	b->runnable = true;

	/* So does time nobody is allocated (fixed shares of 25% each). */
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_policy(&s->q,
						     MVGPU_SCHED_FIXED_SHARE),
			0);
	a->budget_ns = 0;
	b->budget_ns = 0;
	KUNIT_EXPECT_NULL(test, mvgpu_sched_pick(&s->q, 70 * MS, &slice));
	/* Shares that fill the engine start the next period early. */
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_share(&s->q, a, PPM / 2), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_share(&s->q, b, PPM / 2), 0);
	a->budget_ns = 0;
	b->budget_ns = 0;
	KUNIT_EXPECT_NOT_NULL(test, mvgpu_sched_pick(&s->q, 80 * MS, &slice));
	KUNIT_EXPECT_EQ(test, s->q.period_start, 80 * MS);
}

/* ---- admission and departure ----------------------------------------- */

static void admission_departure(struct kunit *test,
				enum mvgpu_sched_policy_id policy)
{
	static const unsigned int weights[] = { 8, 8, 16, 4 };
	static const u32 shares[] = { 200000, 250000, 100000, 400000 };
	struct sim *s = sim_new(test, policy, 4);
	u64 *before, *share;
	unsigned int i;

	for (i = 0; i < 3; i++)
		sim_add(test, s, i, weights[i], shares[i]);
	sim_run(s, SETTLE_NS);
	before = sim_measure(test, s, WINDOW_NS);
	expect_targets(test, s, before);

	sim_add(test, s, 3, weights[3], shares[3]);
	sim_run(s, SETTLE_NS);
	share = sim_measure(test, s, WINDOW_NS);
	expect_targets(test, s, share);
	if (policy == MVGPU_SCHED_FIXED_SHARE)
		for (i = 0; i < 3; i++)
			expect_share(test, share[i], before[i], i);

	mvgpu_sched_remove(&s->q, &s->se[1]);
	sim_run(s, SETTLE_NS);
	share = sim_measure(test, s, WINDOW_NS);
	expect_targets(test, s, share);
	KUNIT_EXPECT_EQ(test, share[1], 0);
	if (policy == MVGPU_SCHED_FIXED_SHARE)
		expect_share(test, share[0], before[0], 0);
}

static void admission_departure_equal(struct kunit *test)
{
	admission_departure(test, MVGPU_SCHED_EQUAL_SHARE);
}

static void admission_departure_fixed(struct kunit *test)
{
	admission_departure(test, MVGPU_SCHED_FIXED_SHARE);
}

static void admission_departure_weighted(struct kunit *test)
{
	admission_departure(test, MVGPU_SCHED_WEIGHTED);
}

static void admission_departure_best_effort(struct kunit *test)
{
	admission_departure(test, MVGPU_SCHED_BEST_EFFORT);
}

static void fixed_share_oversubscribed(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_FIXED_SHARE, 3);
	u64 *share;

	/* 50% + 50% + 100% = 200%: scaled to 25/25/50, no idle time. */
	sim_add(test, s, 0, 1, PPM / 2);
	sim_add(test, s, 1, 1, PPM / 2);
	sim_add(test, s, 2, 1, PPM);
	share = sim_measure(test, s, WINDOW_NS);
	expect_share(test, share[0], PPM / 4, 0);
	expect_share(test, share[1], PPM / 4, 1);
	expect_share(test, share[2], PPM / 2, 2);
	KUNIT_EXPECT_EQ(test, s->idle_ns, 0);
}

/* ---- debt and credit -------------------------------------------------- */

static void weighted_debt_and_credit(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_WEIGHTED, 2);
	struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1];
	u64 slice;

	sim_add(test, s, 0, 4, PPM);
	sim_add(test, s, 1, 4, PPM);
	KUNIT_EXPECT_EQ(test, a->alloc_ns, 50 * MS);
	KUNIT_EXPECT_EQ(test, a->budget_ns, 50 * MS);

	/* A's workload runs 60 ms past a 1 ms slice: 10 ms of debt. */
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 0, &slice), a);
	mvgpu_sched_account(&s->q, a, 60 * MS, 0);
	KUNIT_EXPECT_EQ(test, a->budget_ns, -10 * (s64)MS);
	/* B yields after 1 ms; A, in debt, is not picked: B is. */
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 60 * MS, &slice), b);
	mvgpu_sched_account(&s->q, b, 1 * MS, 0);
	b->runnable = false;

	/* Next period: A pays its debt, B keeps its 49 ms of credit. */
	a->runnable = false;
	KUNIT_EXPECT_NULL(test, mvgpu_sched_pick(&s->q, 100 * MS, &slice));
	KUNIT_EXPECT_EQ(test, a->budget_ns, 40 * MS);
	KUNIT_EXPECT_EQ(test, b->budget_ns, 99 * MS);

	/* Credit is bounded at one allocation, however long B idles. */
	KUNIT_EXPECT_NULL(test, mvgpu_sched_pick(&s->q, 1000 * MS, &slice));
	KUNIT_EXPECT_EQ(test, b->budget_ns, 100 * MS);
	KUNIT_EXPECT_EQ(test, a->budget_ns, 100 * MS);

	/*
	 * Debt is bounded at ten periods (a workload that ran until it was
	 * declared hung), runtime is not.
	 */
	mvgpu_sched_account(&s->q, a, 10 * SEC, 0);
	KUNIT_EXPECT_EQ(test, a->budget_ns, -(s64)MVGPU_SCHED_DEBT_MAX_NS);
	KUNIT_EXPECT_EQ(test, a->runtime_ns, 10 * SEC + 60 * MS);
}

/*
 * Many weighted entities whose slices all cost more than they run (the
 * switching time is charged): a round of one slice each outlasts a
 * balance period, and the heavy entities must still get their weight.
 */
static void weighted_many_with_switch_costs(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_WEIGHTED, 64);
	unsigned int i;

	for (i = 0; i < 64; i++) {
		sim_add(test, s, i, 1 + i % 4, PPM / 64);
		s->overrun_ns[i] = MS;
	}
	sim_run(s, SETTLE_NS);
	expect_targets(test, s, sim_measure(test, s, WINDOW_NS));
}

static void equal_share_debt_no_credit(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_EQUAL_SHARE, 2);
	struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1];
	u64 slice;

	sim_add(test, s, 0, 1, PPM);
	sim_add(test, s, 1, 1, PPM);
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 0, &slice), a);
	mvgpu_sched_account(&s->q, a, 70 * MS, 0);
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 70 * MS, &slice), b);
	mvgpu_sched_account(&s->q, b, 1 * MS, 0);
	/*
	 * A still in debt; B, done with its work, is idle at the end of the
	 * period: its 49 ms left are lost, not carried.
	 */
	b->runnable = false;
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 100 * MS, &slice), a);
	KUNIT_EXPECT_EQ(test, a->budget_ns, 30 * MS);
	KUNIT_EXPECT_EQ(test, b->budget_ns, 50 * MS);
	/* A slice never exceeds the budget left. */
	a->budget_ns = MS / 4;
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 101 * MS, &slice), a);
	KUNIT_EXPECT_EQ(test, slice, MS / 4);
}

/* An entity whose workloads overrun every slice pays the overrun back. */
static void overrun_paid_back(struct kunit *test,
			      enum mvgpu_sched_policy_id policy)
{
	struct sim *s = sim_new(test, policy, 4);
	unsigned int i;

	for (i = 0; i < 4; i++)
		sim_add(test, s, i, 4, PPM / 4);
	s->overrun_ns[0] = MS / 2;
	sim_run(s, SETTLE_NS);
	expect_targets(test, s, sim_measure(test, s, WINDOW_NS));
}

/*
 * The e2e fairness test on a loaded host (64 x V1_64, sched_weight 1 to
 * 4): every slice overruns, by 7.4 ms on average and up to 60 ms, so a
 * round of one slice each takes over half a second, five balance periods.
 * In the long run every entity must still get its weight's share: each
 * weight group within 0.3 % of the engine, each entity within 15 % of its
 * share (a 60 ms slice is a tenth of what a weight-1 entity gets in the
 * window).  Dropping the credit of the entities waiting for their turn at
 * each period's end takes most from the heaviest ones, which need the
 * most turns: the shares flatten toward equal (weight 4 got 39.3 %, 10.5 %
 * for weight 1), and much more so in the first seconds, after the policy
 * is set.
 */
static void loaded_weight_groups(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_BEST_EFFORT, 64);
	u64 group[5] = { 0 }, *share;
	unsigned int i;

	for (i = 0; i < 64; i++)
		sim_add(test, s, i, 1 + i % 4, PPM / 64);
	s->loaded = true;
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_policy(&s->q,
						     MVGPU_SCHED_WEIGHTED), 0);
	sim_run(s, LOADED_SETTLE_NS);
	share = sim_measure(test, s, LOADED_WINDOW_NS);
	for (i = 0; i < 64; i++) {
		group[1 + i % 4] += share[i];
		KUNIT_EXPECT_LE_MSG(test, udiff(share[i], target_ppm(s, i)) * 100,
				    target_ppm(s, i) * LOADED_TOL_REL_PCT,
				    "entity %u: %llu ppm, target %llu", i, share[i],
				    target_ppm(s, i));
	}
	for (i = 1; i <= 4; i++)
		KUNIT_EXPECT_LE_MSG(test, udiff(group[i], i * PPM / 10),
				    LOADED_TOL_PPM, "sched_weight %u: %llu ppm",
				    i, group[i]);
}

static void overrun_paid_back_best_effort(struct kunit *test)
{
	overrun_paid_back(test, MVGPU_SCHED_BEST_EFFORT);
}

static void overrun_paid_back_equal(struct kunit *test)
{
	overrun_paid_back(test, MVGPU_SCHED_EQUAL_SHARE);
}

static void overrun_paid_back_fixed(struct kunit *test)
{
	overrun_paid_back(test, MVGPU_SCHED_FIXED_SHARE);
}

static void overrun_paid_back_weighted(struct kunit *test)
{
	overrun_paid_back(test, MVGPU_SCHED_WEIGHTED);
}

static void policy_desc(const enum mvgpu_sched_policy_id *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", mvgpu_sched_policy_name(*p));
}

static const enum mvgpu_sched_policy_id all_policies[] = {
	MVGPU_SCHED_BEST_EFFORT, MVGPU_SCHED_EQUAL_SHARE,
	MVGPU_SCHED_FIXED_SHARE, MVGPU_SCHED_WEIGHTED,
};

static const enum mvgpu_sched_policy_id budget_policies[] = {
	MVGPU_SCHED_EQUAL_SHARE, MVGPU_SCHED_FIXED_SHARE, MVGPU_SCHED_WEIGHTED,
};

static const enum mvgpu_sched_policy_id work_conserving[] = {
	MVGPU_SCHED_BEST_EFFORT, MVGPU_SCHED_WEIGHTED,
};

KUNIT_ARRAY_PARAM(policy, all_policies, policy_desc);
KUNIT_ARRAY_PARAM(budget_policy, budget_policies, policy_desc);
KUNIT_ARRAY_PARAM(work_conserving, work_conserving, policy_desc);

/*
 * A slice that overran by far more than a balance period (the engine
 * thread got no CPU for a quarter of a second) is charged in full, not
 * just one period of it, and repaid: a second later, each of two equal
 * entities has had half of the engine, the overrun included.
 */
static void overrun_charged_in_full(struct kunit *test)
{
	const enum mvgpu_sched_policy_id *policy = test->param_value;
	struct sim *s = sim_new(test, *policy, 2);
	struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1], *se;
	s64 before;
	u64 slice;

	sim_add(test, s, 0, 8, PPM / 2);
	sim_add(test, s, 1, 8, PPM / 2);
	se = mvgpu_sched_pick(&s->q, 0, &slice);
	KUNIT_ASSERT_PTR_EQ(test, se, a);
	before = a->budget_ns;
	mvgpu_sched_account(&s->q, a, 250 * MS, 0);
	s->now = 250 * MS;
	KUNIT_EXPECT_EQ(test, a->runtime_ns, 250 * MS);
	KUNIT_EXPECT_EQ(test, a->budget_ns, before - 250 * (s64)MS);
	sim_run(s, SEC - s->now);
	KUNIT_EXPECT_LE(test, udiff(a->runtime_ns, SEC / 2), 2 * MS);
	KUNIT_EXPECT_LE(test, udiff(b->runtime_ns, SEC / 2), 2 * MS);
	KUNIT_EXPECT_EQ(test, s->idle_ns, 0);
}

/*
 * An entity that waits for the engine while another one's slice overruns
 * past the end of two periods keeps the budget it could not use, its
 * allocation and two more; an idle one keeps at most one allocation of
 * credit (weighted) or none (shares).
 */
static void waiting_keeps_credit(struct kunit *test)
{
	const enum mvgpu_sched_policy_id *policy = test->param_value;
	struct sim *s = sim_new(test, *policy, 3);
	struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1];
	struct mvgpu_sched_entity *c = &s->se[2];
	u64 slice, alloc;
	s64 credit;

	sim_add(test, s, 0, 4, PPM / 4);
	sim_add(test, s, 1, 4, PPM / 4);
	sim_add(test, s, 2, 4, PPM / 4);
	c->runnable = false;
	alloc = b->alloc_ns;
	KUNIT_ASSERT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 0, &slice), a);
	/* A's slice ends 2.5 periods late; B waited, C was idle. */
	mvgpu_sched_account(&s->q, a, 250 * MS, 0);
	mvgpu_sched_pick(&s->q, 250 * MS, &slice);
	credit = *policy == MVGPU_SCHED_WEIGHTED ? 2 * alloc : alloc;
	KUNIT_EXPECT_EQ(test, b->budget_ns, 3 * (s64)alloc);
	KUNIT_EXPECT_EQ(test, c->budget_ns, credit);
}

/*
 * Time an entity ran on alone, while nobody else could use the engine,
 * is its runtime but not debt: when another entity wakes, the two share
 * the engine at once rather than the one that ran alone waiting out two
 * seconds of debt.
 */
static void alone_is_not_debt(struct kunit *test)
{
	const enum mvgpu_sched_policy_id *policy = test->param_value;
	struct sim *s = sim_new(test, *policy, 2);
	struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1];
	u64 slice, ra, rb;

	sim_add(test, s, 0, 8, PPM / 2);
	sim_add(test, s, 1, 8, PPM / 2);
	b->runnable = false;
	KUNIT_ASSERT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 0, &slice), a);
	mvgpu_sched_account(&s->q, a, 2 * SEC, 2 * SEC - slice);
	s->now = 2 * SEC;
	KUNIT_EXPECT_EQ(test, a->runtime_ns, 2 * SEC);
	/* Charged its slice, no more. */
	KUNIT_EXPECT_GE(test, a->budget_ns, -(s64)slice);
	b->runnable = true;
	ra = a->runtime_ns;
	rb = b->runtime_ns;
	sim_run(s, SEC);
	KUNIT_EXPECT_LE(test, udiff(a->runtime_ns - ra, SEC / 2), 5 * MS);
	KUNIT_EXPECT_LE(test, udiff(b->runtime_ns - rb, SEC / 2), 5 * MS);
}

/*
 * An entity that had the engine to itself when it was picked did not wait
 * for it: across a period boundary it keeps no more credit than one that
 * was idle, so one that wakes during its slice runs next rather than
 * behind a lead of up to a whole allocation (the budget the first one did
 * not use while alone).
 */
static void alone_keeps_no_credit(struct kunit *test)
{
	static const enum mvgpu_sched_policy_id policies[] = {
		MVGPU_SCHED_EQUAL_SHARE, MVGPU_SCHED_FIXED_SHARE,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(policies); i++) {
		struct sim *s = sim_new(test, policies[i], 2);
		struct mvgpu_sched_entity *a = &s->se[0], *b = &s->se[1];
		u64 slice, period = s->q.period_ns;

		sim_add(test, s, 0, 8, PPM / 2);
		sim_add(test, s, 1, 8, PPM / 2);
		b->runnable = false;
		/* A is picked alone just before the end of the period. */
		KUNIT_ASSERT_PTR_EQ(test,
				    mvgpu_sched_pick(&s->q, period - MS / 2,
						     &slice), a);
		/* B wakes; A's 1 ms slice ends in the next period. */
		b->runnable = true;
		mvgpu_sched_account(&s->q, a, MS, 0);
		KUNIT_EXPECT_PTR_EQ(test,
				    mvgpu_sched_pick(&s->q, period + MS / 2,
						     &slice), b);
		KUNIT_EXPECT_LE(test, a->budget_ns, (s64)a->alloc_ns);
	}
}

/*
 * A light entity (0.25 ms bursts, then 4 ms asleep) beside a saturating
 * one: it keeps its credit, bounded at one allocation, and its unused share
 * goes to the other; it waits at most one slice after waking.
 */
static void weighted_light_entity(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_WEIGHTED, 2);
	struct mvgpu_sched_entity *a = &s->se[0];
	u64 *share, end;

	sim_add(test, s, 0, 8, PPM);
	sim_add(test, s, 1, 8, PPM);
	s->burst_ns[0] = MS / 4;
	s->sleep_ns[0] = 4 * MS;
	end = s->now + WINDOW_NS;
	while (s->now < end) {
		sim_run(s, 10 * MS);
		KUNIT_EXPECT_LE(test, a->budget_ns, 2 * (s64)a->alloc_ns);
		KUNIT_EXPECT_GT(test, a->budget_ns, 0);
	}
	KUNIT_EXPECT_GE(test, a->budget_ns, (s64)a->alloc_ns);
	/* 0.25 ms every 4.25 to 5.25 ms. */
	share = sim_measure(test, s, WINDOW_NS);
	KUNIT_EXPECT_GE(test, share[0], PPM / 21);
	KUNIT_EXPECT_LE(test, share[0], PPM / 17);
	KUNIT_EXPECT_GE(test, share[0] + share[1], PPM - 2);
	KUNIT_EXPECT_EQ(test, s->idle_ns, 0);
}

/* ---- caps ------------------------------------------------------------- */

struct cap_param {
	enum mvgpu_sched_policy_id policy;
	u64 other_ppm;
};

static const struct cap_param cap_params[] = {
	{ MVGPU_SCHED_BEST_EFFORT, 800000 },
	{ MVGPU_SCHED_EQUAL_SHARE, 500000 },
	{ MVGPU_SCHED_FIXED_SHARE, 500000 },
	{ MVGPU_SCHED_WEIGHTED, 800000 },
};

static void cap_desc(const struct cap_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 mvgpu_sched_policy_name(p->policy));
}

KUNIT_ARRAY_PARAM(cap, cap_params, cap_desc);

static void caps(struct kunit *test)
{
	const struct cap_param *p = test->param_value;
	struct sim *s = sim_new(test, p->policy, 2);
	u64 *share;

	/* The capped entity has the larger weight. */
	sim_add(test, s, 0, 16, PPM / 2);
	sim_add(test, s, 1, 1, PPM / 2);
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_cap(&s->se[0], 20), 0);
	sim_run(s, SETTLE_NS);
	share = sim_measure(test, s, WINDOW_NS);
	expect_share(test, share[0], PPM / 5, 0);
	expect_share(test, share[1], p->other_ppm, 1);
	KUNIT_EXPECT_EQ(test, s->cap_violations, 0);
}

/* ---- run-time changes ------------------------------------------------- */

static void switch_policy(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_BEST_EFFORT, 5);
	enum mvgpu_sched_policy_id pol;
	u64 total;
	unsigned int i;

	for (i = 0; i < 5; i++)
		sim_add(test, s, i, mixed_weights[i], PPM / 8);
	s->se[4].runnable = false;
	for (pol = 0; pol < MVGPU_SCHED_NR_POLICIES; pol++) {
		/* Switch mid-period, mid-slice boundaries included. */
		sim_run(s, 333 * MS + 7);
		KUNIT_ASSERT_EQ(test, mvgpu_sched_set_policy(&s->q, pol), 0);
		for (i = 0; i < 5; i++) {
			KUNIT_EXPECT_EQ(test, s->se[i].budget_ns,
					(s64)s->se[i].alloc_ns);
			KUNIT_EXPECT_EQ(test, !s->se[i].alloc_ns,
					pol == MVGPU_SCHED_BEST_EFFORT);
		}
		sim_run(s, SETTLE_NS);
		expect_targets(test, s, sim_measure(test, s, WINDOW_NS / 2));
	}
	/* Every nanosecond is either some entity's or idle. */
	for (total = s->idle_ns, i = 0; i < 5; i++)
		total += s->se[i].runtime_ns;
	KUNIT_EXPECT_EQ(test, total, s->now);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_policy(&s->q,
						     MVGPU_SCHED_NR_POLICIES),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, s->q.policy, MVGPU_SCHED_WEIGHTED);
}

static void weight_change(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_WEIGHTED, 2);

	sim_add(test, s, 0, 4, PPM);
	sim_add(test, s, 1, 4, PPM);
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_weight(&s->q, &s->se[0], 12), 0);
	KUNIT_EXPECT_EQ(test, s->q.total_weight, 16);
	KUNIT_EXPECT_EQ(test, s->se[0].alloc_ns, 75 * MS);
	sim_run(s, SETTLE_NS);
	expect_targets(test, s, sim_measure(test, s, WINDOW_NS));
}

static void slice_lengths(struct kunit *test)
{
	struct sim *s = sim_new(test, MVGPU_SCHED_BEST_EFFORT, 3);
	struct mvgpu_sched_entity *se;
	unsigned int i;
	u64 slice;

	sim_add(test, s, 0, 1, PPM);
	KUNIT_EXPECT_EQ(test, s->q.slice_ns, MVGPU_SCHED_SLICE_DEFAULT_NS);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_slice(&s->q, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_slice(&s->q, MS - 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_slice(&s->q, 30 * MS + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, s->q.slice_ns, MVGPU_SCHED_SLICE_DEFAULT_NS);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_slice(&s->q, MS), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_slice(&s->q, 30 * MS), 0);
	se = mvgpu_sched_pick(&s->q, 0, &slice);
	KUNIT_EXPECT_PTR_EQ(test, se, &s->se[0]);
	KUNIT_EXPECT_EQ(test, slice, 30 * MS);
	/* A cap shortens the slice to what is left of it. */
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_cap(se, 101), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_cap(se, 10), 0);
	mvgpu_sched_account(&s->q, se, 3 * MS, 0);
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_sched_pick(&s->q, 3 * MS, &slice), se);
	KUNIT_EXPECT_EQ(test, slice, 7 * MS);

	/* 30 ms slices: shares still hold. */
	s = sim_new(test, MVGPU_SCHED_WEIGHTED, 8);
	for (i = 0; i < 8; i++)
		sim_add(test, s, i, 4, PPM / 8);
	KUNIT_ASSERT_EQ(test, mvgpu_sched_set_slice(&s->q, 30 * MS), 0);
	sim_run(s, SETTLE_NS);
	expect_targets(test, s, sim_measure(test, s, 2 * WINDOW_NS));
}

static void parameters(struct kunit *test)
{
	struct mvgpu_sched_entity se;
	struct mvgpu_sched_queue q;

	KUNIT_EXPECT_EQ(test, mvgpu_sched_entity_init(&se, 0, PPM), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_entity_init(&se, 101, PPM), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_entity_init(&se, 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_entity_init(&se, 1, PPM + 1),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, mvgpu_sched_entity_init(&se, 100, PPM), 0);
	KUNIT_EXPECT_FALSE(test, se.runnable);
	KUNIT_EXPECT_EQ(test, se.cap, 0);
	mvgpu_sched_queue_init(&q, MVGPU_SCHED_NR_POLICIES);
	KUNIT_EXPECT_EQ(test, q.policy, MVGPU_SCHED_BEST_EFFORT);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_weight(&q, &se, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_weight(&q, &se, 7), 0);
	KUNIT_EXPECT_EQ(test, q.total_weight, 0);	/* not queued */
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_share(&q, &se, 0), -EINVAL);

	KUNIT_EXPECT_EQ(test, mvgpu_sched_policy_parse("weighted\n"),
			MVGPU_SCHED_WEIGHTED);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_policy_parse("best_effort"),
			MVGPU_SCHED_BEST_EFFORT);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_policy_parse("equal_share"),
			MVGPU_SCHED_EQUAL_SHARE);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_policy_parse("fixed_share"),
			MVGPU_SCHED_FIXED_SHARE);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_policy_parse("fixed"), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_policy_parse(""), -EINVAL);
	KUNIT_EXPECT_STREQ(test, mvgpu_sched_policy_name(MVGPU_SCHED_WEIGHTED),
			   "weighted");
	KUNIT_EXPECT_NULL(test,
			  mvgpu_sched_policy_name(MVGPU_SCHED_NR_POLICIES));
}

static void jain_index(struct kunit *test)
{
	static const u64 equal[] = { 5 * SEC, 5 * SEC, 5 * SEC, 5 * SEC };
	static const u64 hog[] = { 10 * SEC, 0, 0, 0 };
	static const u64 ramp[] = { 1, 2, 3 };
	static const u64 weighted[] = { 8 * SEC, 4 * SEC, 2 * SEC, 1 * SEC };
	static const u32 weights[] = { 16, 8, 4, 2 };
	static const u64 zero[] = { 0, 0 };
	u64 *many;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(equal, NULL, 4), PPM);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(hog, NULL, 4), PPM / 4);
	/* 36 / (3 * 14) */
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(ramp, NULL, 3), 857142);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(weighted, weights, 4), PPM);
	KUNIT_EXPECT_LT(test, mvgpu_sched_jain_ppm(weighted, NULL, 4), PPM);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(zero, NULL, 2), PPM);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(equal, NULL, 0), 0);

	/* Large values and many parties do not overflow. */
	many = kunit_kcalloc(test, 65536, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, many);
	for (i = 0; i < 65536; i++)
		many[i] = U64_MAX / 2;
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(many, NULL, 65536), PPM);
	many[0] = 0;
	KUNIT_EXPECT_GE(test, mvgpu_sched_jain_ppm(many, NULL, 65536), 999980);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_jain_ppm(many, NULL, 65537), 0);
}

static struct kunit_case sched_policy_cases[] = {
	KUNIT_CASE_PARAM(oracle, oracle_gen_params),
	KUNIT_CASE(best_effort_skips_idle),
	KUNIT_CASE(equal_share_leaves_idle_share),
	KUNIT_CASE(weighted_gives_idle_share_to_busy),
	KUNIT_CASE(idle_until_period_end),
	KUNIT_CASE(share_period_starts_early),
	KUNIT_CASE(admission_departure_best_effort),
	KUNIT_CASE(admission_departure_equal),
	KUNIT_CASE(admission_departure_fixed),
	KUNIT_CASE(admission_departure_weighted),
	KUNIT_CASE(fixed_share_oversubscribed),
	KUNIT_CASE(weighted_debt_and_credit),
	KUNIT_CASE(weighted_many_with_switch_costs),
	KUNIT_CASE(equal_share_debt_no_credit),
	KUNIT_CASE(overrun_paid_back_best_effort),
	KUNIT_CASE(overrun_paid_back_equal),
	KUNIT_CASE(overrun_paid_back_fixed),
	KUNIT_CASE(overrun_paid_back_weighted),
	KUNIT_CASE_PARAM(overrun_charged_in_full, policy_gen_params),
	KUNIT_CASE_PARAM(waiting_keeps_credit, budget_policy_gen_params),
	KUNIT_CASE_PARAM(alone_is_not_debt, work_conserving_gen_params),
	KUNIT_CASE(alone_keeps_no_credit),
	KUNIT_CASE(weighted_light_entity),
	KUNIT_CASE(loaded_weight_groups),
	KUNIT_CASE_PARAM(caps, cap_gen_params),
	KUNIT_CASE(switch_policy),
	KUNIT_CASE(weight_change),
	KUNIT_CASE(slice_lengths),
	KUNIT_CASE(parameters),
	KUNIT_CASE(jain_index),
	{}
};

static struct kunit_suite sched_policy_suite = {
	.name = "mvgpu_sched_policy",
	.test_cases = sched_policy_cases,
};

kunit_test_suite(sched_policy_suite);
