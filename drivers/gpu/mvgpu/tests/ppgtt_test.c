// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: per-process GTT shadowing against fake guest memory.  Guest
 * tables are written into the fake frames, synced, and the shadow is
 * walked as the engine walks it (by GPU address) and compared with where
 * the guest's tables point: four levels, scratch for what maps nothing,
 * tables used at several levels and shared subtrees, TLB semantics,
 * limits and eviction, DMA unmap of mapped frames in live and released
 * tables, and reset.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/unaligned.h>

#include "tests/test_util.h"

#define P		MVGPU_PPGTT_PTE_PRESENT
#define RW		0x2ull
#define PTE(gfn)	((u64)(gfn) << MVGPU_GTT_PAGE_SHIFT | P | RW)
#define ROOT(gfn)	((u64)(gfn) << MVGPU_GTT_PAGE_SHIFT)
/* Address of PML4 entry @a, PDP entry @b, PD entry @c, PT entry @d. */
#define VA(a, b, c, d)	((u64)(a) << 39 | (u64)(b) << 30 | \
			 (u64)(c) << 21 | (u64)(d) << 12)
/* Frames 0-7: single pages, the tables; 16-47: contiguous; 48-63: not. */
#define DATA		MVGPU_TEST_CONTIG
#define SPARSE		MVGPU_TEST_SPARSE

struct ppgtt_fixture {
	struct mvgpu_test_pgpu tp;
	int mapped;
};

static int fix_map_page(void *priv, struct page *page, u64 *addr)
{
	struct ppgtt_fixture *fx = priv;

	fx->mapped++;
	*addr = page_to_phys(page);
	return 0;
}

static void fix_unmap_page(void *priv, u64 addr)
{
	struct ppgtt_fixture *fx = priv;

	fx->mapped--;
}

static const struct mvgpu_backend_ops fix_backend = {
	.ggtt_write = mvgpu_test_ggtt_write,
	.ggtt_read = mvgpu_test_ggtt_read,
	.ggtt_invalidate = mvgpu_test_ggtt_invalidate,
	.map_page = fix_map_page,
	.unmap_page = fix_unmap_page,
};

static unsigned int saved_tables, saved_pages;

static int ppgtt_test_init(struct kunit *test)
{
	struct ppgtt_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	/* tp is the first member: the backend's priv is both. */
	mvgpu_test_gtt_vgpu(test, &fx->tp, &fix_backend);
	saved_tables = mvgpu_ppgtt_max_tables;
	saved_pages = mvgpu_ppgtt_max_pages;
	test->priv = fx;
	return 0;
}

static void ppgtt_test_exit(struct kunit *test)
{
	mvgpu_ppgtt_max_tables = saved_tables;
	mvgpu_ppgtt_max_pages = saved_pages;
}

static struct ppgtt_fixture *fix(struct kunit *test)
{
	return test->priv;
}

static struct mvgpu_vgpu *vgpu_of(struct kunit *test)
{
	return fix(test)->tp.vgpu;
}

/* Write guest entry @i of the table in frame @gfn. */
static void gw(struct kunit *test, u64 gfn, unsigned int i, u64 val)
{
	__le64 *t = kmap_local_page(fix(test)->tp.pages[gfn]);

	t[i] = cpu_to_le64(val);
	kunmap_local(t);
}

/* Fill the table in frame @gfn with @val. */
static void gfill(struct kunit *test, u64 gfn, u64 val)
{
	unsigned int i;

	for (i = 0; i < MVGPU_PPGTT_ENTRIES; i++)
		gw(test, gfn, i, val);
}

static int sync(struct kunit *test, u64 root)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	int ret;

	mutex_lock(&vgpu->gtt.write_lock);
	mutex_lock(&vgpu->lock);
	ret = mvgpu_ppgtt_sync(vgpu, root);
	mvgpu_vgpu_unlock(vgpu);
	mutex_unlock(&vgpu->gtt.write_lock);
	return ret;
}

static int lookup(struct kunit *test, u64 root, struct mvgpu_spt **spt)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	int ret;

	mutex_lock(&vgpu->lock);
	ret = mvgpu_ppgtt_lookup(vgpu, root, spt);
	mutex_unlock(&vgpu->lock);
	return ret;
}

/*
 * The reference walker: what the engine reaches at @va from shadow root
 * address @addr, reading the shadow tables by their GPU (physical)
 * address.  Returns the leaf's address (MVGPU_TEST_SCRATCH for scratch).
 */
static u64 walk_addr(u64 addr, u64 va)
{
	unsigned int level;

	for (level = MVGPU_PPGTT_LEVELS; level; level--) {
		__le64 *t = kmap_local_page(pfn_to_page(PHYS_PFN(addr)));
		u64 e = le64_to_cpu(READ_ONCE(t[MVGPU_PPGTT_INDEX(va, level)]));

		kunmap_local(t);
		if (!(e & MVGPU_GTT_PTE_PRESENT))
			return 0;
		addr = e & MVGPU_GTT_PTE_ADDR_MASK;
	}
	return addr;
}

/* What @va reaches in the current shadow of @root. */
static u64 walk(struct kunit *test, u64 root, u64 va)
{
	struct mvgpu_spt *spt;

	KUNIT_ASSERT_EQ(test, lookup(test, root, &spt), 0);
	return walk_addr(spt->addr, va);
}

static u64 frame(struct kunit *test, u64 gfn)
{
	return page_to_phys(fix(test)->tp.pages[gfn]);
}

static long long stat(struct kunit *test, const char *key)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	const struct mvgpu_ppgtt *pp = &vgpu->ppgtt;

	if (!strcmp(key, "tables"))
		return pp->nr_tables;
	if (!strcmp(key, "mapped"))
		return pp->nr_mapped;
	KUNIT_FAIL(test, "no counter %s", key);
	return -1;
}

/* Each of @vas reaches scratch in the shadow of @root. */
static void expect_scratch(struct kunit *test, u64 root, const u64 *vas,
			   unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, walk(test, root, vas[i]),
				    MVGPU_TEST_SCRATCH, "va %#llx", vas[i]);
}

#define EXPECT_SCRATCH(test, root, ...)					\
	do {								\
		const u64 _v[] = { __VA_ARGS__ };			\
									\
		expect_scratch(test, root, _v, ARRAY_SIZE(_v));		\
	} while (0)

/* PML4 in frame 0, PDP 1, PD 2, PT 3: VA(0, 0, 0, i). */
static void build_chain(struct kunit *test)
{
	gw(test, 0, 0, PTE(1));
	gw(test, 1, 0, PTE(2));
	gw(test, 2, 0, PTE(3));
}

static void four_levels(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	struct mvgpu_spt *spt;
	u8 buf[8];
	u64 *data;

	build_chain(test);
	gw(test, 3, 5, PTE(DATA));
	gw(test, 3, 6, PTE(SPARSE));
	/* Not synced yet: the engine would wait for it. */
	KUNIT_EXPECT_EQ(test, lookup(test, ROOT(0), &spt), -EAGAIN);
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 5)),
			frame(test, DATA));
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 6)),
			frame(test, SPARSE));
	EXPECT_SCRATCH(test, ROOT(0), VA(0, 0, 0, 7), VA(1, 0, 0, 5),
		       VA(0, 3, 0, 5));
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 4);
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 2);
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.builds, 1ull);
	/* The parser reads through the same shadow. */
	data = kmap_local_page(fix(test)->tp.pages[DATA]);
	data[1] = 0x1122334455667788ull;
	kunmap_local(data);
	KUNIT_ASSERT_EQ(test, lookup(test, ROOT(0), &spt), 0);
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, mvgpu_ppgtt_read(vgpu, spt, VA(0, 0, 0, 5) + 8,
					       buf, 8), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_ppgtt_read(vgpu, spt, VA(0, 0, 0, 7), buf,
					       8), -EFAULT);
	KUNIT_EXPECT_EQ(test, mvgpu_ppgtt_read(vgpu, spt, 1ull << 48, buf, 8),
			-EFAULT);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(buf), 0x1122334455667788ull);
	/* The frames are pinned while mapped, the tables only while read. */
	KUNIT_EXPECT_GT(test, fix(test)->tp.pins[DATA], 0);
	KUNIT_EXPECT_GT(test, fix(test)->tp.pins[SPARSE], 0);
}

static void bad_roots(struct kunit *test)
{
	struct mvgpu_spt *spt;

	KUNIT_EXPECT_EQ(test, sync(test, ROOT(0) | 0x800), -EINVAL);
	KUNIT_EXPECT_EQ(test, sync(test, 1ull << 39), -EINVAL);
	KUNIT_EXPECT_EQ(test, lookup(test, 1ull << 39, &spt), -EINVAL);
	/* Frame 8 is not guest memory. */
	KUNIT_EXPECT_EQ(test, sync(test, ROOT(8)), -EFAULT);
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 0);
	/* Each refusal counts, the lookup's included. */
	KUNIT_EXPECT_EQ(test, vgpu_of(test)->ppgtt.stats.bad_roots, 4ull);
}

/* What maps nothing maps scratch: never an error, never host memory. */
static void scratch_entries(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);

	build_chain(test);
	gw(test, 3, 0, PTE(DATA));
	gw(test, 3, 1, PTE(DATA + 1) | MVGPU_PPGTT_PTE_PS);	/* huge */
	gw(test, 3, 2, PTE(DATA + 2) | BIT_ULL(63));		/* reserved */
	gw(test, 3, 3, PTE(DATA + 3) | BIT_ULL(5));		/* unknown */
	gw(test, 3, 4, PTE(9));				/* not memory */
	gw(test, 3, 5, PTE(DATA + 5) & ~P);			/* not present */
	gw(test, 2, 1, PTE(2) | MVGPU_PPGTT_PTE_PS);		/* 2 MiB page */
	gw(test, 1, 1, PTE(10));				/* no table */
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 0)),
			frame(test, DATA));
	EXPECT_SCRATCH(test, ROOT(0), VA(0, 0, 0, 1), VA(0, 0, 0, 2),
		       VA(0, 0, 0, 3), VA(0, 0, 0, 4), VA(0, 0, 0, 5),
		       VA(0, 0, 1, 0), VA(0, 1, 0, 0));
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 1);
	/* PS, 63, bit 5, frame 9, PD PS, table 10 (counted on read). */
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.scratch_entries, 6ull);
	KUNIT_EXPECT_EQ(test, fix(test)->tp.pins[9], 0);
}

/*
 * A table met again at a lower level is a new shadow there: a PML4 that
 * names itself at every level ends four levels down, at its own frame as
 * data.  A table named by many entries of a level has one shadow.
 */
static void cycles_and_sharing(struct kunit *test)
{
	unsigned int i;

	gw(test, 0, 0, PTE(0));
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 0)),
			frame(test, 0));
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 4);

	/* Root 4: every PDP entry names PD 5, whose every entry names PT 6. */
	gfill(test, 5, PTE(6));
	gw(test, 4, 7, PTE(7));
	gfill(test, 7, PTE(5));
	gw(test, 6, 9, PTE(DATA + 9));
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(4)), 0);
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 4 + 4);
	for (i = 0; i < MVGPU_PPGTT_ENTRIES; i += 73)
		KUNIT_EXPECT_EQ(test, walk(test, ROOT(4), VA(7, i, 511 - i, 9)),
				frame(test, DATA + 9));
	/* One pin per entry of the shared PT, not per path to it. */
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 1 + 1);
}

/* The shadow is the TLB: guest writes count after an invalidation only. */
static void tlb_semantics(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	struct mvgpu_spt *spt;
	u64 changed;

	build_chain(test);
	gw(test, 3, 5, PTE(DATA));
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	gw(test, 3, 5, PTE(DATA + 1));
	gw(test, 3, 6, PTE(DATA + 2));
	KUNIT_EXPECT_EQ(test, lookup(test, ROOT(0), &spt), 0);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 5)),
			frame(test, DATA));
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 6)),
			MVGPU_TEST_SCRATCH);

	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_invalidate_tlb(vgpu);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, lookup(test, ROOT(0), &spt), -EAGAIN);
	changed = vgpu->ppgtt.stats.entries_changed;
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	/* Only what the guest changed is validated again. */
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.entries_changed - changed,
			2ull);
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.syncs, 1ull);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 5)),
			frame(test, DATA + 1));
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 6)),
			frame(test, DATA + 2));
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 2);

	/* A subtree unhooked goes, with its pins. */
	gw(test, 1, 0, 0);
	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_invalidate_tlb(vgpu);
	mutex_unlock(&vgpu->lock);
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 5)),
			MVGPU_TEST_SCRATCH);
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 2);
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 0);
}

static void limits(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	struct mvgpu_spt *spt;

	build_chain(test);
	gw(test, 3, 0, PTE(DATA));
	gw(test, 3, 1, PTE(DATA + 1));
	/* Root 4's own chain: 4 -> 5 -> 6 -> 7. */
	gw(test, 4, 0, PTE(5));
	gw(test, 5, 0, PTE(6));
	gw(test, 6, 0, PTE(7));
	gw(test, 7, 0, PTE(DATA + 2));

	mvgpu_ppgtt_max_tables = 3;
	KUNIT_EXPECT_EQ(test, sync(test, ROOT(0)), -E2BIG);
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 0);
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.limit_errors, 1ull);

	mvgpu_ppgtt_max_pages = 1;
	mvgpu_ppgtt_max_tables = 8;
	KUNIT_EXPECT_EQ(test, sync(test, ROOT(0)), -E2BIG);
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 0);

	/* Room for one root: the second evicts the first. */
	mvgpu_ppgtt_max_pages = 16;
	mvgpu_ppgtt_max_tables = 6;
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(4)), 0);
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.evictions, 1ull);
	KUNIT_EXPECT_EQ(test, lookup(test, ROOT(0), &spt), -EAGAIN);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(4), VA(0, 0, 0, 0)),
			frame(test, DATA + 2));
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 4);
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 1);
}

/*
 * A DMA unmap points every entry naming a frame of the evicted extents at
 * scratch, in live tables and in released ones the engines may still
 * walk; frames still mapped come back at the next sync, unmapped ones do
 * not; released tables are freed once the vGPU is idle.
 */
static void dma_unmap(struct kunit *test)
{
	struct ppgtt_fixture *fx = fix(test);
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	struct mvgpu_spt *spt, *old_pt;
	u64 root;
	int i;

	build_chain(test);
	for (i = 0; i < 4; i++)
		gw(test, 3, i, PTE(DATA + i));
	gw(test, 3, 4, PTE(SPARSE));
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_ASSERT_EQ(test, lookup(test, ROOT(0), &spt), 0);
	old_pt = spt->child[0]->child[0]->child[0];
	root = spt->addr;

	/* Released while "in flight": PT 3 moves to a fresh table, PT 7. */
	mutex_lock(&vgpu->lock);
	vgpu->engines[0].busy = true;
	mvgpu_pin_set_hold(&vgpu->gtt.pins, true);
	mutex_unlock(&vgpu->lock);
	for (i = 0; i < 5; i++)
		gw(test, 7, i, PTE(DATA + i));
	gw(test, 2, 0, PTE(7));
	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_invalidate_tlb(vgpu);
	mutex_unlock(&vgpu->lock);
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	/* The old PT still maps what it mapped, for work in flight. */
	KUNIT_EXPECT_TRUE(test, old_pt->dead);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(old_pt->shadow[1]) & MVGPU_GTT_PTE_ADDR_MASK,
			frame(test, DATA + 1));
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 1)),
			frame(test, DATA + 1));

	/* Frame DATA + 1 goes; its 64 KiB extent was pinned whole. */
	fx->tp.pages[DATA + 1] = NULL;
	mvgpu_gtt_invalidate(vgpu, (u64)(DATA + 1) << MVGPU_GTT_PAGE_SHIFT,
			     SZ_4K, NULL);
	/* What the engine sees now, though the root must be synced again. */
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, walk_addr(root, VA(0, 0, 0, i)),
				MVGPU_TEST_SCRATCH);
	KUNIT_EXPECT_EQ(test, vgpu->ppgtt.stats.unmap_scratched, 5ull);
	/* In the released PT too, though it holds no pin any more. */
	KUNIT_EXPECT_EQ(test, le64_to_cpu(old_pt->shadow[1]) & MVGPU_GTT_PTE_ADDR_MASK,
			MVGPU_TEST_SCRATCH);
	for (i = DATA; i < DATA + 16; i++)
		KUNIT_EXPECT_EQ(test, fx->tp.pins[i], 0);

	/* Frames still mapped come back before the next use. */
	KUNIT_EXPECT_EQ(test, lookup(test, ROOT(0), &spt), -EAGAIN);
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 0)),
			frame(test, DATA));
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 1)),
			MVGPU_TEST_SCRATCH);
	KUNIT_EXPECT_EQ(test, walk(test, ROOT(0), VA(0, 0, 0, 2)),
			frame(test, DATA + 2));

	/* Idle: the released tables go. */
	mutex_lock(&vgpu->lock);
	vgpu->engines[0].busy = false;
	mvgpu_pin_set_hold(&vgpu->gtt.pins, false);
	mvgpu_ppgtt_idle(vgpu);
	KUNIT_EXPECT_TRUE(test, list_empty(&vgpu->ppgtt.dead));
	mutex_unlock(&vgpu->lock);
}

/* Reset drops every space and pin; scratch tables stay mapped. */
static void reset(struct kunit *test)
{
	struct ppgtt_fixture *fx = fix(test);
	struct mvgpu_vgpu *vgpu = vgpu_of(test);
	struct mvgpu_spt *spt;
	int i;

	build_chain(test);
	gw(test, 3, 0, PTE(DATA));
	gw(test, 3, 1, PTE(SPARSE));
	KUNIT_ASSERT_EQ(test, sync(test, ROOT(0)), 0);
	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_reset(vgpu);
	mvgpu_gtt_reset(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, lookup(test, ROOT(0), &spt), -EAGAIN);
	KUNIT_EXPECT_EQ(test, stat(test, "tables"), 0);
	KUNIT_EXPECT_EQ(test, stat(test, "mapped"), 0);
	for (i = 0; i < MVGPU_TEST_FRAMES; i++)
		KUNIT_EXPECT_EQ(test, fx->tp.pins[i], 0);
	KUNIT_EXPECT_EQ(test, fx->tp.bad_unpins, 0);
	KUNIT_EXPECT_EQ(test, fx->mapped, MVGPU_PPGTT_LEVELS - 1);
}

static struct kunit_case ppgtt_cases[] = {
	KUNIT_CASE(four_levels),
	KUNIT_CASE(bad_roots),
	KUNIT_CASE(scratch_entries),
	KUNIT_CASE(cycles_and_sharing),
	KUNIT_CASE(tlb_semantics),
	KUNIT_CASE(limits),
	KUNIT_CASE(dma_unmap),
	KUNIT_CASE(reset),
	{}
};

static struct kunit_suite ppgtt_suite = {
	.name = "mvgpu_ppgtt",
	.init = ppgtt_test_init,
	.exit = ppgtt_test_exit,
	.test_cases = ppgtt_cases,
};

kunit_test_suite(ppgtt_suite);
