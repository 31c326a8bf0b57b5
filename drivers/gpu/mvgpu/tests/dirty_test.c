// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the dirty page log's bookkeeping (vfio/dirty_set.c): logged
 * ranges, read-and-clear, the frames pinned for the GPU and the activity
 * rule; and the core reporting the frames it writes.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/unaligned.h>

#include "tests/test_util.h"
#include "vfio/dirty.h"

#define SHIFT		MVGPU_DIRTY_FRAME_SHIFT
/* Frames the collector tracks. */
#define NR		8192

/**
 * struct collector - what reports handed out
 * @bits: frames reported
 * @calls: runs reported
 * @frames: frames reported, counting repeats
 * @first: the range asked for
 * @last: its end
 * @prev: last frame of the previous run (runs come in increasing order)
 * @bad: runs outside the range, out of order or beyond @bits
 */
struct collector {
	unsigned long *bits;
	unsigned int calls;
	u64 frames;
	u64 first;
	u64 last;
	u64 prev;
	unsigned int bad;
};

static void collect(void *priv, u64 gfn, u64 npages)
{
	struct collector *c = priv;

	c->calls++;
	c->frames += npages;
	if (!npages || gfn < c->first || gfn + npages - 1 > c->last ||
	    (c->calls > 1 && gfn <= c->prev)) {
		c->bad++;
		return;
	}
	c->prev = gfn + npages - 1;
	if (gfn + npages <= NR)
		bitmap_set(c->bits, gfn, npages);
}

struct fixture {
	struct mvgpu_vfio_dirty d;
	struct interval_tree_node nodes[MVGPU_DIRTY_MAX_RANGES + 1];
	struct rb_root_cached ranges;
	u32 nr;
	struct mvgpu_dirty_act act;
	struct collector c;
};

static void fixture_free(void *data)
{
	struct fixture *f = data;

	mvgpu_dirty_fini(&f->d);
}

static struct fixture *new_fixture(struct kunit *test)
{
	struct fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->c.bits = kunit_kzalloc(test, BITS_TO_LONGS(NR) * sizeof(long),
				  GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->c.bits);
	f->ranges = RB_ROOT_CACHED;
	mvgpu_dirty_init(&f->d);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fixture_free, f),
			0);
	return f;
}

/* Log frames [first, first + n), given in bytes as VFIO gives them. */
static void log_frames(struct fixture *f, u64 first, u64 n)
{
	struct interval_tree_node *node = &f->nodes[f->nr++];

	node->start = first << SHIFT;
	node->last = ((first + n) << SHIFT) - 1;
	interval_tree_insert(node, &f->ranges);
}

static int start_log(struct fixture *f)
{
	return mvgpu_dirty_start(&f->d, &f->ranges, f->nr, &f->act);
}

/* Read and clear frames [first, last]; the collector holds the result. */
static int report(struct kunit *test, struct fixture *f, u64 first, u64 last)
{
	int ret;

	bitmap_zero(f->c.bits, NR);
	f->c.calls = 0;
	f->c.frames = 0;
	f->c.first = first;
	f->c.last = last;
	ret = mvgpu_dirty_read_clear(&f->d, first, last, &f->act, collect,
				     &f->c);
	KUNIT_EXPECT_EQ(test, f->c.bad, 0);
	return ret;
}

static bool all_dirty(struct fixture *f, u64 first, u64 n)
{
	u64 i;

	for (i = first; i < first + n; i++)
		if (!test_bit(i, f->c.bits))
			return false;
	return true;
}

static void start_and_stop(struct kunit *test)
{
	struct fixture *f = new_fixture(test);
	unsigned int i;

	KUNIT_EXPECT_EQ(test, start_log(f), -EINVAL);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 10), -EINVAL);
	for (i = 0; i <= MVGPU_DIRTY_MAX_RANGES; i++)
		log_frames(f, 2 * i, 1);
	KUNIT_EXPECT_EQ(test, start_log(f), -E2BIG);
	/* A count that does not match the tree. */
	KUNIT_EXPECT_EQ(test, mvgpu_dirty_start(&f->d, &f->ranges, 3, &f->act),
			-EINVAL);
	f->nr--;
	interval_tree_remove(&f->nodes[f->nr], &f->ranges);
	KUNIT_EXPECT_EQ(test, start_log(f), 0);
	KUNIT_EXPECT_TRUE(test, f->d.logging);
	KUNIT_EXPECT_EQ(test, start_log(f), -EBUSY);
	mvgpu_dirty_stop(&f->d);
	mvgpu_dirty_stop(&f->d);
	KUNIT_EXPECT_FALSE(test, f->d.logging);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 10), -EINVAL);
	/* Marks without a log are dropped. */
	mvgpu_dirty_mark(&f->d, 0, 1);
	KUNIT_EXPECT_EQ(test, f->d.nr_chunks, 0);
	KUNIT_EXPECT_EQ(test, start_log(f), 0);
}

static void read_and_clear(struct kunit *test)
{
	struct fixture *f = new_fixture(test);

	log_frames(f, 0, 256);
	log_frames(f, 4096, 16);
	KUNIT_ASSERT_EQ(test, start_log(f), 0);
	mvgpu_dirty_mark(&f->d, 3, 3);
	mvgpu_dirty_mark(&f->d, 300, 1);	/* not logged */
	mvgpu_dirty_mark(&f->d, 250, 10);	/* half logged */
	mvgpu_dirty_mark(&f->d, 4100, 1);
	mvgpu_dirty_mark(&f->d, 4, 1);		/* again */

	KUNIT_EXPECT_EQ(test, report(test, f, 0, 4200), 0);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 3, 3));
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 250, 6));
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 4100, 1));
	KUNIT_EXPECT_EQ(test, f->c.frames, 10);
	/* Runs are merged. */
	KUNIT_EXPECT_EQ(test, f->c.calls, 3);
	/* Cleared. */
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 4200), 0);
	KUNIT_EXPECT_EQ(test, f->c.calls, 0);
	KUNIT_EXPECT_EQ(test, f->d.nr_chunks, 0);

	/* Only the range read is cleared, down to the frame. */
	mvgpu_dirty_mark(&f->d, 10, 1);
	mvgpu_dirty_mark(&f->d, 11, 1);
	mvgpu_dirty_mark(&f->d, 40, 1);
	KUNIT_EXPECT_EQ(test, report(test, f, 11, 20), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 1);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 11, 1));
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 255), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 2);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 10, 1));
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 40, 1));

	/* Stopping forgets. */
	mvgpu_dirty_mark(&f->d, 12, 1);
	mvgpu_dirty_stop(&f->d);
	KUNIT_ASSERT_EQ(test, start_log(f), 0);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 255), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);
}

/* More runs than one batch hands out: the lock is dropped in between. */
static void many_runs(struct kunit *test)
{
	struct fixture *f = new_fixture(test);
	u64 i;

	log_frames(f, 0, NR);
	KUNIT_ASSERT_EQ(test, start_log(f), 0);
	for (i = 0; i < NR; i += 2)
		mvgpu_dirty_mark(&f->d, i, 1);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, NR - 1), 0);
	KUNIT_EXPECT_EQ(test, f->c.calls, NR / 2);
	for (i = 0; i < NR; i++)
		if (test_bit(i, f->c.bits) == (i & 1))
			break;
	KUNIT_EXPECT_EQ(test, i, NR);
	KUNIT_EXPECT_EQ(test, f->d.nr_chunks, 0);
}

/*
 * Pinned frames are dirty at a report when the activity moved since the
 * report before, or before that one: at the first report, and the two
 * after each move.
 */
static void gpu_activity(struct kunit *test)
{
	struct fixture *f = new_fixture(test);

	log_frames(f, 0, 1024);
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 16, 16), 0);
	KUNIT_ASSERT_EQ(test, start_log(f), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 2000, 4), 0);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 2);

	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 16);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 16, 16));
	/* No activity: converged. */
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);

	f->act.gpu++;
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 16);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 16);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);

	/* Aperture faults count too. */
	f->act.cpu += 5;
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 16, 16));

	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 16);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);

	/*
	 * A report of part of the log leaves the rest for later.  The
	 * report after an active one takes the pinned frames again.
	 */
	f->act.gpu++;
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 19), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 4);
	KUNIT_EXPECT_EQ(test, report(test, f, 20, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 12);
	KUNIT_EXPECT_EQ(test, report(test, f, 20, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 4);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 16, 4));
}

/*
 * An unpinned frame is dirty if the GPU may have written it since the
 * last report; pins of one extent are counted.
 */
static void unpin_rule(struct kunit *test)
{
	struct fixture *f = new_fixture(test);

	log_frames(f, 0, 1024);
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 64, 2), 0);
	KUNIT_ASSERT_EQ(test, start_log(f), 0);
	/* Right after the start, everything may have been written. */
	mvgpu_dirty_unpin(&f->d, 64, 2, &f->act);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 0);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 2);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 64, 2));
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);

	/* Quiet: pinned and unpinned, nothing written. */
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 64, 2), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 64, 2), 0);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 1);
	mvgpu_dirty_unpin(&f->d, 64, 2, &f->act);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 1);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);

	/* Activity, then the last unpin: dirty, though no longer pinned. */
	f->act.gpu++;
	mvgpu_dirty_unpin(&f->d, 64, 2, &f->act);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 0);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 2);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 64, 2));

	/* The report before saw activity: still dirty. */
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 100, 1), 0);
	mvgpu_dirty_unpin(&f->d, 100, 1, &f->act);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 1);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 100, 1));

	/* Now quiet for two reports. */
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 100, 1), 0);
	mvgpu_dirty_unpin(&f->d, 100, 1, &f->act);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 1023), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 0);

	/* Overlapping extents are separate pins. */
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 0, 16), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_dirty_pin(&f->d, 0, 1), 0);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 2);
	mvgpu_dirty_unpin(&f->d, 0, 16, &f->act);
	KUNIT_EXPECT_EQ(test, f->d.nr_pins, 1);
	/* fini frees what is left. */
}

/* Too many dirty chunks: everything logged is dirty until the stop. */
static void dirty_overflow(struct kunit *test)
{
	struct fixture *f = new_fixture(test);
	u64 big = (u64)MVGPU_DIRTY_MAX_CHUNKS * MVGPU_DIRTY_CHUNK_BITS;

	log_frames(f, 0, 64);
	log_frames(f, 1024, big + 64);
	KUNIT_ASSERT_EQ(test, start_log(f), 0);
	/* One frame per chunk, one chunk more than allowed. */
	mvgpu_dirty_mark(&f->d, 1024, big + 1);
	KUNIT_EXPECT_TRUE(test, f->d.overflow);
	KUNIT_EXPECT_EQ(test, f->d.nr_chunks, 0);
	KUNIT_EXPECT_EQ(test, report(test, f, 0, 2047), 0);
	KUNIT_EXPECT_EQ(test, f->c.calls, 2);
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 0, 64));
	KUNIT_EXPECT_TRUE(test, all_dirty(f, 1024, 1024));
	KUNIT_EXPECT_EQ(test, report(test, f, 10, 20), 0);
	KUNIT_EXPECT_EQ(test, f->c.frames, 11);
	mvgpu_dirty_stop(&f->d);
	KUNIT_EXPECT_FALSE(test, f->d.overflow);
}

/* ---- the core reports what it writes ---------------------------------- */

static u64 marked_gfn;
static unsigned int marked;

static void record_dirty(void *ctx, u64 gfn, unsigned int npages)
{
	marked_gfn = gfn;
	marked += npages;
}

static void core_marks_writes(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp = kunit_kzalloc(test, sizeof(*tp),
						   GFP_KERNEL);
	struct mvgpu_vgpu_ops *ops;
	struct mvgpu_vgpu *vgpu;
	u32 v = 0x12345678, r, entry;
	u8 b[8];

	KUNIT_ASSERT_NOT_NULL(test, tp);
	vgpu = mvgpu_test_gtt_vgpu(test, tp, &mvgpu_test_ggtt_backend);
	ops = kunit_kzalloc(test, sizeof(*ops), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	*ops = *vgpu->ops;
	ops->dirty = record_dirty;
	vgpu->ops = ops;
	marked = 0;

	/* Aperture entry 1 names guest frame 7. */
	entry = MVGPU_GTT_OFFSET + 8 * ((vgpu->aperture.start >> 12) + 1);
	put_unaligned_le64(7ull << 12 | MVGPU_GTT_PTE_PRESENT, b);
	KUNIT_ASSERT_EQ(test, mvgpu_mmio_write(vgpu, entry, b, 8), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 4096 + 16, &r, 4,
						    false), 0);
	KUNIT_EXPECT_EQ(test, marked, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 4096 + 16, &v, 4,
						    true), 0);
	KUNIT_EXPECT_EQ(test, marked, 1);
	KUNIT_EXPECT_EQ(test, marked_gfn, 7);
	/* No page behind entry 0: nothing written, nothing marked. */
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 16, &v, 4, true),
			-EIO);
	KUNIT_EXPECT_EQ(test, marked, 1);

	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, vgpu->aperture.start +
					      4096 + 8, &r, 4, false), 0);
	KUNIT_EXPECT_EQ(test, marked, 1);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, vgpu->aperture.start +
					      4096 + 8, &v, 4, true), 0);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, marked, 2);
	KUNIT_EXPECT_EQ(test, marked_gfn, 7);
}

static struct kunit_case dirty_cases[] = {
	KUNIT_CASE(start_and_stop),
	KUNIT_CASE(read_and_clear),
	KUNIT_CASE(many_runs),
	KUNIT_CASE(gpu_activity),
	KUNIT_CASE(unpin_rule),
	KUNIT_CASE_SLOW(dirty_overflow),
	KUNIT_CASE(core_marks_writes),
	{}
};

static struct kunit_suite dirty_suite = {
	.name = "mvgpu_dirty",
	.test_cases = dirty_cases,
};

kunit_test_suite(dirty_suite);
