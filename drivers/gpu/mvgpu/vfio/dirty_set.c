// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dirty page log's bookkeeping: the logged ranges, the set of dirty
 * frames, the frames pinned for the GPU, and the rule that turns GPU
 * activity into dirty frames.  No VFIO here (vfio/dirty.c is the glue),
 * so that KUnit drives it (tests/dirty_test.c).
 *
 * The rule.  Frames the core writes are marked as they are written
 * (mvgpu_dirty_mark()).  What the GPU writes, nobody sees: every frame
 * pinned for it is taken as dirty at a report when there was activity
 * (a change of struct mvgpu_dirty_act) since the previous report, or at
 * the previous report; a frame unpinned in between is taken as dirty
 * when there was activity since the previous report before its unpin, or
 * at the previous report.  The previous report counts as well because an
 * activity sample is not a fence: work in flight when a report samples
 * may write after it and finish before the next sample (and an aperture
 * mapping faulted in before a report's zap may be written until the
 * zap); the report after that one catches such writes.  A vGPU whose
 * samples stop moving reports nothing from its second quiet report on.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bitops.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "vfio/dirty.h"

#define CHUNK	MVGPU_DIRTY_CHUNK_BITS

/* Runs handed out per batch (the lock is dropped to report a batch). */
#define BATCH	(PAGE_SIZE / sizeof(struct dirty_run))

/**
 * struct mvgpu_dirty_pin - guest frames pinned for the GPU
 * @it: the frames, [@it.start, @it.last]; a node of the pins tree
 * @count: pins of exactly these frames not yet unpinned
 */
struct mvgpu_dirty_pin {
	struct interval_tree_node it;
	unsigned int count;
};

/* Dirty frames to report. */
struct dirty_run {
	u64 gfn;
	u64 npages;
};

/**
 * mvgpu_dirty_init() - set up an empty log with no pins
 * @d: the log
 */
void mvgpu_dirty_init(struct mvgpu_vfio_dirty *d)
{
	mutex_init(&d->lock);
	d->logging = false;
	d->nodes = NULL;
	d->ranges = RB_ROOT_CACHED;
	d->nr_nodes = 0;
	xa_init(&d->dirty);
	d->nr_chunks = 0;
	d->overflow = false;
	d->pins = RB_ROOT_CACHED;
	d->nr_pins = 0;
	d->last = (struct mvgpu_dirty_act){};
	d->active_prev = false;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_init);

static void stop_locked(struct mvgpu_vfio_dirty *d)
{
	lockdep_assert_held(&d->lock);
	WRITE_ONCE(d->logging, false);
	kvfree(d->nodes);
	d->nodes = NULL;
	d->ranges = RB_ROOT_CACHED;
	d->nr_nodes = 0;
	xa_destroy(&d->dirty);
	d->nr_chunks = 0;
	d->overflow = false;
}

/**
 * mvgpu_dirty_fini() - stop the log and forget the pins
 * @d: the log
 *
 * For the device's release: every pin should be gone by then.
 */
void mvgpu_dirty_fini(struct mvgpu_vfio_dirty *d)
{
	struct interval_tree_node *n;

	mutex_lock(&d->lock);
	stop_locked(d);
	while ((n = interval_tree_iter_first(&d->pins, 0, ULONG_MAX))) {
		interval_tree_remove(n, &d->pins);
		kfree(container_of(n, struct mvgpu_dirty_pin, it));
	}
	d->nr_pins = 0;
	mutex_unlock(&d->lock);
	mutex_destroy(&d->lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_fini);

/*
 * The dirty set overflowed: from now on everything in the ranges is
 * dirty at each report, so the set itself is no longer needed.
 */
static void set_overflow(struct mvgpu_vfio_dirty *d)
{
	WRITE_ONCE(d->overflow, true);
	xa_destroy(&d->dirty);
	d->nr_chunks = 0;
}

/* Mark frames [first, last], which are inside one logged range. */
static void set_frames(struct mvgpu_vfio_dirty *d, u64 first, u64 last)
{
	u64 c;

	for (c = first / CHUNK; c <= last / CHUNK && !d->overflow; c++) {
		u64 base = c * CHUNK;
		unsigned long mask = GENMASK(min(last - base, (u64)CHUNK - 1),
					     first > base ? first - base : 0);
		void *old = xa_load(&d->dirty, c);
		unsigned long bits = old ? xa_to_value(old) : 0;

		if ((bits | mask) == bits)
			continue;
		if (!old && d->nr_chunks >= MVGPU_DIRTY_MAX_CHUNKS) {
			set_overflow(d);
			break;
		}
		if (xa_is_err(xa_store(&d->dirty, c, xa_mk_value(bits | mask),
				       GFP_KERNEL))) {
			set_overflow(d);
			break;
		}
		if (!old)
			d->nr_chunks++;
	}
}

/* Mark the frames of [first, last] that are inside the logged ranges. */
static void mark_locked(struct mvgpu_vfio_dirty *d, u64 first, u64 last)
{
	struct interval_tree_node *r;

	lockdep_assert_held(&d->lock);
	for (r = interval_tree_iter_first(&d->ranges, first, last);
	     r && !d->overflow; r = interval_tree_iter_next(r, first, last))
		set_frames(d, max_t(u64, first, r->start),
			   min_t(u64, last, r->last));
}

/* Everything pinned for the GPU may have been written by it. */
static void mark_pinned(struct mvgpu_vfio_dirty *d)
{
	struct interval_tree_node *n;

	for (n = interval_tree_iter_first(&d->pins, 0, ULONG_MAX);
	     n && !d->overflow; n = interval_tree_iter_next(n, 0, ULONG_MAX))
		mark_locked(d, n->start, n->last);
}

static bool changed(const struct mvgpu_vfio_dirty *d,
		    const struct mvgpu_dirty_act *now)
{
	return now->gpu != d->last.gpu || now->cpu != d->last.cpu;
}

/**
 * mvgpu_dirty_start() - start a log
 * @d: the log
 * @ranges: the ranges to log, in bytes (interval tree of struct
 *	interval_tree_node, as VFIO hands them over, not overlapping)
 * @nnodes: how many
 * @now: the current activity sample
 *
 * The first report takes every pinned frame as dirty (see the rule at
 * the top of this file): what was in flight or mapped at the start may
 * write after it.
 *
 * Return: 0, -EINVAL for no ranges or a count that does not match the
 * tree, -E2BIG for more than MVGPU_DIRTY_MAX_RANGES ranges, -EBUSY when a
 * log is already on, -ENOMEM.
 */
int mvgpu_dirty_start(struct mvgpu_vfio_dirty *d,
		      struct rb_root_cached *ranges, u32 nnodes,
		      const struct mvgpu_dirty_act *now)
{
	struct interval_tree_node *nodes, *n;
	u32 i = 0;

	if (!nnodes)
		return -EINVAL;
	if (nnodes > MVGPU_DIRTY_MAX_RANGES)
		return -E2BIG;
	nodes = kvcalloc(nnodes, sizeof(*nodes), GFP_KERNEL);
	if (!nodes)
		return -ENOMEM;
	for (n = interval_tree_iter_first(ranges, 0, ULONG_MAX);
	     n && i < nnodes; n = interval_tree_iter_next(n, 0, ULONG_MAX)) {
		if (n->start > n->last)
			break;
		nodes[i].start = n->start >> MVGPU_DIRTY_FRAME_SHIFT;
		nodes[i].last = n->last >> MVGPU_DIRTY_FRAME_SHIFT;
		i++;
	}
	if (n || i != nnodes) {
		kvfree(nodes);
		return -EINVAL;
	}

	mutex_lock(&d->lock);
	if (d->logging) {
		mutex_unlock(&d->lock);
		kvfree(nodes);
		return -EBUSY;
	}
	d->nodes = nodes;
	d->nr_nodes = nnodes;
	for (i = 0; i < nnodes; i++)
		interval_tree_insert(&nodes[i], &d->ranges);
	d->nr_chunks = 0;
	d->overflow = false;
	d->last = *now;
	d->active_prev = true;
	WRITE_ONCE(d->logging, true);
	mutex_unlock(&d->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_start);

/**
 * mvgpu_dirty_stop() - stop the log, if on, and forget its dirty frames
 * @d: the log
 */
void mvgpu_dirty_stop(struct mvgpu_vfio_dirty *d)
{
	mutex_lock(&d->lock);
	stop_locked(d);
	mutex_unlock(&d->lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_stop);

static struct mvgpu_dirty_pin *find_pin(struct mvgpu_vfio_dirty *d, u64 gfn,
					u64 last)
{
	struct interval_tree_node *n;

	for (n = interval_tree_iter_first(&d->pins, gfn, last); n;
	     n = interval_tree_iter_next(n, gfn, last))
		if (n->start == gfn && n->last == last)
			return container_of(n, struct mvgpu_dirty_pin, it);
	return NULL;
}

/**
 * mvgpu_dirty_pin() - frames were pinned for the GPU
 * @d: the log
 * @gfn: first frame
 * @npages: how many
 *
 * Recorded whether a log is on or not.
 *
 * Return: 0 or -ENOMEM (the caller then fails the pin: the GPU must not
 * write frames the log does not know of).
 */
int mvgpu_dirty_pin(struct mvgpu_vfio_dirty *d, u64 gfn, u64 npages)
{
	struct mvgpu_dirty_pin *new, *p;

	if (!npages)
		return 0;
	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	mutex_lock(&d->lock);
	p = find_pin(d, gfn, gfn + npages - 1);
	if (p) {
		p->count++;
	} else {
		new->it.start = gfn;
		new->it.last = gfn + npages - 1;
		new->count = 1;
		interval_tree_insert(&new->it, &d->pins);
		d->nr_pins++;
		new = NULL;
	}
	mutex_unlock(&d->lock);
	kfree(new);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_pin);

/**
 * mvgpu_dirty_unpin() - frames pinned with mvgpu_dirty_pin() were unpinned
 * @d: the log
 * @gfn: first frame, as pinned
 * @npages: how many, as pinned
 * @now: the current activity sample (anything when no log is on)
 *
 * With a log on, the frames are dirty if the GPU may have written them
 * since the last report; the next report's look at the pinned frames
 * will not see them.
 */
void mvgpu_dirty_unpin(struct mvgpu_vfio_dirty *d, u64 gfn, u64 npages,
		       const struct mvgpu_dirty_act *now)
{
	struct mvgpu_dirty_pin *p;

	if (!npages)
		return;
	mutex_lock(&d->lock);
	p = find_pin(d, gfn, gfn + npages - 1);
	if (!WARN_ON_ONCE(!p) && !--p->count) {
		interval_tree_remove(&p->it, &d->pins);
		d->nr_pins--;
		kfree(p);
	}
	if (d->logging && (d->active_prev || changed(d, now)))
		mark_locked(d, gfn, gfn + npages - 1);
	mutex_unlock(&d->lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_unpin);

/**
 * mvgpu_dirty_mark() - frames were written
 * @d: the log
 * @gfn: first frame
 * @npages: how many
 *
 * Nothing happens when no log is on; frames outside the logged ranges
 * are ignored.
 */
void mvgpu_dirty_mark(struct mvgpu_vfio_dirty *d, u64 gfn, u64 npages)
{
	if (!npages || !READ_ONCE(d->logging))
		return;
	mutex_lock(&d->lock);
	if (d->logging)
		mark_locked(d, gfn, gfn + npages - 1);
	mutex_unlock(&d->lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_mark);

/* Append frame @gfn to @runs, merging it with the last run. */
static void add_frame(struct dirty_run *runs, unsigned int *n, u64 gfn)
{
	if (*n && runs[*n - 1].gfn + runs[*n - 1].npages == gfn) {
		runs[*n - 1].npages++;
		return;
	}
	runs[*n].gfn = gfn;
	runs[*n].npages = 1;
	(*n)++;
}

/*
 * Take the dirty frames of [first, last] out of the set, from chunk *pos
 * on, into @runs until it is nearly full.  Returns the runs taken; *pos
 * is where to go on, past the end when all was taken.
 */
static unsigned int take_runs(struct mvgpu_vfio_dirty *d, u64 first,
			      u64 last, unsigned long *pos,
			      struct dirty_run *runs)
{
	unsigned long idx, take, rest, b;
	unsigned int n = 0;
	void *entry;

	lockdep_assert_held(&d->lock);
	xa_for_each_range(&d->dirty, idx, entry, *pos, last / CHUNK) {
		u64 base = (u64)idx * CHUNK;

		/* A chunk gives at most CHUNK / 2 runs. */
		if (n + CHUNK / 2 > BATCH) {
			*pos = idx;
			return n;
		}
		take = xa_to_value(entry) &
		       GENMASK(min(last - base, (u64)CHUNK - 1),
			       first > base ? first - base : 0);
		if (!take)
			continue;
		rest = xa_to_value(entry) & ~take;
		if (rest) {
			xa_store(&d->dirty, idx, xa_mk_value(rest), GFP_KERNEL);
		} else {
			xa_erase(&d->dirty, idx);
			d->nr_chunks--;
		}
		for_each_set_bit(b, &take, CHUNK)
			add_frame(runs, &n, base + b);
	}
	*pos = last / CHUNK + 1;
	return n;
}

/* With the set overflowed: the logged frames of [first, last]. */
static unsigned int all_runs(struct mvgpu_vfio_dirty *d, u64 first, u64 last,
			     struct dirty_run *runs)
{
	struct interval_tree_node *r;
	unsigned int n = 0;

	lockdep_assert_held(&d->lock);
	for (r = interval_tree_iter_first(&d->ranges, first, last);
	     r && n < BATCH; r = interval_tree_iter_next(r, first, last)) {
		runs[n].gfn = max_t(u64, first, r->start);
		runs[n].npages = min_t(u64, last, r->last) - runs[n].gfn + 1;
		n++;
	}
	return n;
}

static void report_runs(const struct dirty_run *runs, unsigned int n,
			mvgpu_dirty_report_t report, void *priv)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		report(priv, runs[i].gfn, runs[i].npages);
}

/**
 * mvgpu_dirty_read_clear() - report and forget the dirty frames of a range
 * @d: the log
 * @first: first frame of the range
 * @last: last frame of the range
 * @now: the current activity sample
 * @report: called for each run of dirty frames, in increasing order,
 *	without @d's lock (it may touch user memory)
 * @priv: cookie for @report
 *
 * First applies the activity rule (see the top of this file) to the
 * pinned frames, then hands out the dirty frames of the range and clears
 * them.  After an overflow, every logged frame of the range is reported,
 * at each call.
 *
 * Return: 0, -EINVAL when no log is on, -ENOMEM.
 */
int mvgpu_dirty_read_clear(struct mvgpu_vfio_dirty *d, u64 first, u64 last,
			   const struct mvgpu_dirty_act *now,
			   mvgpu_dirty_report_t report, void *priv)
{
	unsigned long pos = first / CHUNK;
	struct dirty_run *runs;
	unsigned int n;
	bool active;

	BUILD_BUG_ON(BATCH < MVGPU_DIRTY_MAX_RANGES || BATCH < CHUNK / 2);
	if (first > last)
		return -EINVAL;
	runs = kmalloc_array(BATCH, sizeof(*runs), GFP_KERNEL);
	if (!runs)
		return -ENOMEM;
	mutex_lock(&d->lock);
	if (!d->logging) {
		mutex_unlock(&d->lock);
		kfree(runs);
		return -EINVAL;
	}
	active = changed(d, now);
	if (active || d->active_prev)
		mark_pinned(d);
	d->active_prev = active;
	d->last = *now;
	for (;;) {
		bool done;

		if (d->overflow) {
			/* From where the set was left (all of it, at first). */
			n = all_runs(d, max_t(u64, first, (u64)pos * CHUNK),
				     last, runs);
			done = true;
		} else {
			n = take_runs(d, first, last, &pos, runs);
			done = pos > last / CHUNK;
		}
		mutex_unlock(&d->lock);
		report_runs(runs, n, report, priv);
		if (done)
			break;
		mutex_lock(&d->lock);
		if (!d->logging) {
			mutex_unlock(&d->lock);
			break;
		}
	}
	kfree(runs);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_dirty_read_clear);
