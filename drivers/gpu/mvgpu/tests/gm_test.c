// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: graphics memory partitioning, and the vGPU types derived from a
 * physical GPU's capabilities.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/prandom.h>

#include "tests/test_util.h"

#define MIB(x)	((u64)(x) << 20)

/* The software GPU's geometry: what the type sizes are built for. */
#define APERTURE_START	MIB(64)
#define APERTURE_FREE	MIB(448)
#define HIDDEN_START	MIB(512 + 256)
#define HIDDEN_FREE	MIB(3328)

static struct mvgpu_gm_space *new_space(struct kunit *test, u64 start,
					u64 size)
{
	struct mvgpu_gm_space *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_init(s, start, size), 0);
	return s;
}

static void alloc_is_first_fit(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, MIB(64), MIB(100));
	struct mvgpu_gm_range a, b, c;

	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(10), &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(20), &b), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(30), &c), 0);
	KUNIT_EXPECT_EQ(test, a.start, MIB(64));
	KUNIT_EXPECT_EQ(test, b.start, MIB(74));
	KUNIT_EXPECT_EQ(test, c.start, MIB(94));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(40));
}

static void exhaustion_and_errors(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(8));
	struct mvgpu_gm_range r, bogus = { MIB(1), MIB(4) };

	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(9), &r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, 0, &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, 100, &r), -EINVAL);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(8), &r), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(1), &r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(1)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &bogus), -ENOENT);
	bogus.start = 0;
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &bogus), -ENOENT);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_init(s, 100, MIB(1)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_init(s, ~0ull & ~0xfffull, MIB(1)),
			-EINVAL);
}

static void fragmentation_and_reuse(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(40));
	struct mvgpu_gm_range r[4], big;
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(10), &r[i]), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &r[1]), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &r[3]), 0);
	/* 20 MiB free but in two 10 MiB holes. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(20));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(20)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(20), &big), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(10)), 2);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(5)), 4);
	/* The first hole is reused first. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(5), &big), 0);
	KUNIT_EXPECT_EQ(test, big.start, MIB(10));
	/* Freeing neighbours coalesces implicitly. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &big), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &r[2]), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(30)), 1);
}

/* fit() must predict exactly how many allocations succeed. */
static void fit_matches_allocations(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(256));
	struct mvgpu_gm_range r;
	struct rnd_state rnd;
	unsigned int i, n, round;

	prandom_seed_state(&rnd, 42);
	for (round = 0; round < 50; round++) {
		u64 size = MIB(1 + prandom_u32_state(&rnd) % 16);
		unsigned int expect = mvgpu_gm_space_fit(s, size);

		n = 0;
		while (s->nr < MVGPU_GM_MAX_RANGES &&
		       !mvgpu_gm_space_alloc(s, size, &r))
			n++;
		KUNIT_EXPECT_EQ(test, n, expect);
		KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, size), 0);
		/* Free a random half to fragment the space. */
		for (i = 0; i < s->nr; ) {
			if (prandom_u32_state(&rnd) & 1) {
				struct mvgpu_gm_range victim = s->used[i];

				KUNIT_ASSERT_EQ(test,
						mvgpu_gm_space_free(s, &victim), 0);
			} else {
				i++;
			}
		}
	}
}

static void sixty_four_dense_vgpus(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, APERTURE_START,
					     APERTURE_FREE);
	struct mvgpu_gm_range r;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(6)), 64);
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(6), &r), 0);
	/* 64 slices is the cap even with room left. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(64));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(1), &r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(1)), 0);
}

static const struct mvgpu_pgpu_caps sgpu_caps = {
	.ggtt_size = MIB(4096),
	.aperture_size = MIB(512),
	.host_aperture = MIB(64),
	.host_hidden = MIB(256),
	.engine_mask = 3,
};

/*
 * The software GPU's types: 1/n of what the host leaves, and n of them
 * fill the GPU exactly (n + 1 do not fit).
 */
static void types_of_the_software_gpu(struct kunit *test)
{
	static const struct {
		const char *name;
		unsigned int n;
		u64 aperture, hidden;
		u8 weight;
	} expect[] = {
		{ "V1_1", 1, MIB(448), MIB(3328), 16 },
		{ "V1_2", 2, MIB(224), MIB(1664), 8 },
		{ "V1_4", 4, MIB(112), MIB(832), 4 },
		{ "V1_8", 8, MIB(56), MIB(416), 2 },
		{ "V1_64", 64, MIB(7), MIB(52), 1 },
	};
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];
	struct mvgpu_gm_space *ap = new_space(test, APERTURE_START,
					      APERTURE_FREE);
	struct mvgpu_gm_space *hid = new_space(test, HIDDEN_START, HIDDEN_FREE);
	unsigned int i;

	KUNIT_ASSERT_EQ(test, mvgpu_types_derive(&sgpu_caps, types),
			ARRAY_SIZE(expect));
	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		const struct mvgpu_type_desc *t = &types[i];

		KUNIT_EXPECT_STREQ(test, t->sysfs_name, expect[i].name);
		KUNIT_EXPECT_EQ(test, t->aperture_size, expect[i].aperture);
		KUNIT_EXPECT_EQ(test, t->hidden_size, expect[i].hidden);
		KUNIT_EXPECT_EQ(test, t->weight, expect[i].weight);
		KUNIT_EXPECT_EQ(test, t->engine_mask, 3);
		KUNIT_EXPECT_EQ_MSG(test,
				    min(mvgpu_gm_space_fit(ap, t->aperture_size),
					mvgpu_gm_space_fit(hid, t->hidden_size)),
				    expect[i].n, "type %s", t->sysfs_name);
	}
}

/*
 * Another GPU: a render engine only, a 2 GiB GGTT with 256 MiB of
 * aperture of which the host keeps 32 MiB.  Sizes round down to MiB;
 * the engines are the GPU's.
 */
static void types_follow_the_caps(struct kunit *test)
{
	const struct mvgpu_pgpu_caps caps = {
		.ggtt_size = MIB(2048), .aperture_size = MIB(256),
		.host_aperture = MIB(32), .host_hidden = MIB(256),
		.engine_mask = BIT(MVGPU_ENGINE_RCS),
	};
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];

	KUNIT_ASSERT_EQ(test, mvgpu_types_derive(&caps, types), 5);
	KUNIT_EXPECT_EQ(test, types[0].aperture_size, MIB(224));
	KUNIT_EXPECT_EQ(test, types[0].hidden_size, MIB(1536));
	KUNIT_EXPECT_EQ(test, types[3].aperture_size, MIB(28));
	KUNIT_EXPECT_EQ(test, types[4].aperture_size, MIB(3));	/* 3.5 */
	KUNIT_EXPECT_EQ(test, types[4].hidden_size, MIB(24));
	KUNIT_EXPECT_EQ(test, types[4].engine_mask, BIT(MVGPU_ENGINE_RCS));
}

/* A type whose slices would be under a MiB is not offered; nor is any. */
static void types_too_small(struct kunit *test)
{
	struct mvgpu_pgpu_caps caps = {
		.ggtt_size = MIB(1024), .aperture_size = MIB(64),
		.host_aperture = MIB(32), .host_hidden = MIB(256),
		.engine_mask = 3,
	};
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];

	KUNIT_ASSERT_EQ(test, mvgpu_types_derive(&caps, types), 4);
	KUNIT_EXPECT_STREQ(test, types[3].sysfs_name, "V1_8");
	KUNIT_EXPECT_EQ(test, types[3].aperture_size, MIB(4));
	caps.host_aperture = MIB(64);
	KUNIT_EXPECT_EQ(test, mvgpu_types_derive(&caps, types), 0);
}

static struct kunit_case gm_cases[] = {
	KUNIT_CASE(alloc_is_first_fit),
	KUNIT_CASE(exhaustion_and_errors),
	KUNIT_CASE(fragmentation_and_reuse),
	KUNIT_CASE(fit_matches_allocations),
	KUNIT_CASE(sixty_four_dense_vgpus),
	KUNIT_CASE(types_of_the_software_gpu),
	KUNIT_CASE(types_follow_the_caps),
	KUNIT_CASE(types_too_small),
	{}
};

static struct kunit_suite gm_suite = {
	.name = "mvgpu_gm",
	.test_cases = gm_cases,
};

kunit_test_suite(gm_suite);
