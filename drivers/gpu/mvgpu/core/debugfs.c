// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/mvgpu/<pgpu>/{partitions,vgpu<id>/...}
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bitmap.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "mvgpu_drv.h"
#include "core/bench.h"
#include "core/pvinfo.h"

static struct dentry *mvgpu_debugfs_root;

static void show_space(struct seq_file *m, const char *name,
		       const struct mvgpu_gm_space *space)
{
	unsigned int i;

	seq_printf(m, "%s: [%#llx, %#llx) free %llu MiB\n", name, space->start,
		   space->start + space->size,
		   mvgpu_gm_space_free_bytes(space) >> 20);
	for (i = 0; i < space->nr; i++)
		seq_printf(m, "  [%#llx, %#llx)\n", space->used[i].start,
			   space->used[i].start + space->used[i].size);
}

static int partitions_show(struct seq_file *m, void *unused)
{
	struct mvgpu_pgpu *pgpu = m->private;
	struct mvgpu_vgpu *vgpu;

	mutex_lock(&pgpu->lock);
	show_space(m, "aperture", &pgpu->gm.aperture);
	show_space(m, "hidden", &pgpu->gm.hidden);
	list_for_each_entry(vgpu, &pgpu->vgpus, node)
		seq_printf(m, "vgpu%d %s aperture %#llx+%#llx hidden %#llx+%#llx\n",
			   vgpu->id, vgpu->type->sysfs_name,
			   vgpu->aperture.start, vgpu->aperture.size,
			   vgpu->hidden.start, vgpu->hidden.size);
	mutex_unlock(&pgpu->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(partitions);

static int stats_show(struct seq_file *m, void *unused)
{
	struct mvgpu_vgpu *vgpu = m->private;
	struct mvgpu_vgpu_stats s;

	mutex_lock(&vgpu->lock);
	s = vgpu->stats;
	mutex_unlock(&vgpu->lock);
	seq_printf(m, "mmio_reads: %llu\n", s.mmio_reads);
	seq_printf(m, "mmio_writes: %llu\n", s.mmio_writes);
	seq_printf(m, "unknown_mmio: %llu\n", s.unknown_mmio);
	seq_printf(m, "ro_writes: %llu\n", s.ro_writes);
	seq_printf(m, "bad_access: %llu\n", s.bad_access);
	seq_printf(m, "irqs_injected: %llu\n", s.irqs_injected);
	seq_printf(m, "failsafe_drops: %llu\n", s.failsafe_drops);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int status_show(struct seq_file *m, void *unused)
{
	struct mvgpu_vgpu *vgpu = m->private;
	unsigned int i;

	mutex_lock(&vgpu->lock);
	seq_printf(m, "pv_info_read: %s\n", vgpu->pv_seen ? "yes" : "no");
	seq_printf(m, "failsafe: %s\n", mvgpu_failsafe_name(vgpu->failsafe));
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];

		seq_printf(m, "engine%u: %s%s%s\n", i,
			   e->busy ? "busy" : "idle",
			   e->broken ? ", broken (needs reset)" : "",
			   e->reset_pending ? ", reset pending" : "");
		seq_printf(m, "  submitted %llu completed %llu rejected %llu hangs %llu resubmitted %llu cancelled %llu resets %llu\n",
			   e->stats.submitted, e->stats.completed,
			   e->stats.rejected, e->stats.hangs,
			   e->stats.resubmitted, e->stats.cancelled,
			   e->stats.resets);
		seq_printf(m, "  scanned %llu commands, %llu batches, %llu bytes; busy %llu ns\n",
			   e->stats.cmds, e->stats.batches, e->stats.bytes,
			   e->stats.busy_ns);
		seq_printf(m, "  waited %llu times for an address space%s\n",
			   e->stats.as_waits,
			   e->as_wait ? " (waiting now)" : "");
	}
	mutex_unlock(&vgpu->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(status);

/*
 * The engines' context images as last saved, as the backend prints them
 * (the core does not know what is in them).
 */
static int context_show(struct seq_file *m, void *unused)
{
	static const char *const prefix[MVGPU_NUM_ENGINES] = { "rcs.", "bcs." };
	struct mvgpu_vgpu *vgpu = m->private;
	const struct mvgpu_backend_ops *ops = vgpu->pgpu->ops;
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *e = &vgpu->engines[i];

		mutex_lock(&vgpu->lock);
		if (e->ctx && ops->context_show)
			ops->context_show(vgpu->pgpu->priv, i, e->ctx, m,
					  prefix[i]);
		mutex_unlock(&vgpu->lock);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(context);

static int vgpu_sched_show(struct seq_file *m, void *unused)
{
	mvgpu_sched_show_vgpu(m, m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vgpu_sched);

static int display_show(struct seq_file *m, void *unused)
{
	mvgpu_display_show(m->private, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(display);

static int pgpu_sched_show(struct seq_file *m, void *unused)
{
	mvgpu_sched_show_pgpu(m, m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pgpu_sched);

static int gtt_show(struct seq_file *m, void *unused)
{
	struct mvgpu_vgpu *vgpu = m->private;
	struct mvgpu_gtt *gtt = &vgpu->gtt;

	mutex_lock(&vgpu->lock);
	seq_printf(m, "aperture_entries: %u\n", gtt->nr_aperture);
	seq_printf(m, "hidden_entries: %u\n", gtt->nr_hidden);
	seq_printf(m, "shadowed: %u\n",
		   bitmap_weight(gtt->pinned, gtt->nr_aperture + gtt->nr_hidden));
	seq_printf(m, "pinned_frames: %lu\n", gtt->pins.nr_pages);
	seq_printf(m, "pin_extents: %lu\n", gtt->pins.nr);
	seq_printf(m, "pin_cache_hits: %llu\n", gtt->pins.hits);
	seq_printf(m, "pin_cache_misses: %llu\n", gtt->pins.misses);
	seq_printf(m, "writes: %llu\n", gtt->stats.writes);
	seq_printf(m, "out_of_range: %llu\n", gtt->stats.out_of_range);
	seq_printf(m, "bad_entry: %llu\n", gtt->stats.bad_entry);
	seq_printf(m, "unmapped_frame: %llu\n", gtt->stats.unmapped_frame);
	seq_printf(m, "invalidated: %llu\n", gtt->stats.invalidated);
	seq_printf(m, "repinned: %llu\n", gtt->stats.repinned);
	seq_printf(m, "run_fallbacks: %llu\n", gtt->stats.run_fallbacks);
	seq_printf(m, "unmapping: %llu\n", gtt->stats.unmapping);
	seq_printf(m, "reset_races: %llu\n", gtt->stats.reset_races);
	seq_printf(m, "ggtt_invalidates: %llu\n", gtt->stats.ggtt_invalidates);
	seq_printf(m, "aperture_faults: %llu\n",
		   READ_ONCE(gtt->stats.aperture_faults));
	seq_printf(m, "aperture_sigbus: %llu\n",
		   READ_ONCE(gtt->stats.aperture_sigbus));
	mutex_unlock(&vgpu->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(gtt);

static int ppgtt_show(struct seq_file *m, void *unused)
{
	struct mvgpu_vgpu *vgpu = m->private;

	mutex_lock(&vgpu->lock);
	mvgpu_ppgtt_show(vgpu, m);
	mutex_unlock(&vgpu->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ppgtt);

static int unknown_mmio_show(struct seq_file *m, void *unused)
{
	struct mvgpu_vgpu *vgpu = m->private;
	unsigned long key;
	void *entry;

	mutex_lock(&vgpu->lock);
	xa_for_each(&vgpu->unknown_mmio, key, entry)
		seq_printf(m, "%#lx %s\n", key * 4,
			   xa_to_value(entry) ? "write" : "read");
	mutex_unlock(&vgpu->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(unknown_mmio);

static int regs_show(struct seq_file *m, void *unused)
{
	struct mvgpu_vgpu *vgpu = m->private;
	unsigned int i, j;

	mutex_lock(&vgpu->lock);
	for (i = 0; i < mvgpu_reg_table_size; i++) {
		const struct mvgpu_reg_desc *r = &mvgpu_reg_table[i];

		for (j = 0; j < r->count; j++) {
			u32 off = r->offset + 4 * j;

			seq_printf(m, "%#07x %-18s[%u] %#010x\n", off, r->name,
				   j, *mvgpu_vreg(vgpu, off));
		}
	}
	mutex_unlock(&vgpu->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(regs);

/**
 * mvgpu_debugfs_init() - create the debugfs root
 */
void mvgpu_debugfs_init(void)
{
	mvgpu_debugfs_root = debugfs_create_dir("mvgpu", NULL);
	mvgpu_cmd_bench_init(mvgpu_debugfs_root);
}

/**
 * mvgpu_debugfs_fini() - remove the debugfs root
 */
void mvgpu_debugfs_fini(void)
{
	debugfs_remove_recursive(mvgpu_debugfs_root);
}

/**
 * mvgpu_debugfs_pgpu_init() - per physical GPU directory
 * @pgpu: physical GPU
 */
void mvgpu_debugfs_pgpu_init(struct mvgpu_pgpu *pgpu)
{
	pgpu->debugfs = debugfs_create_dir(dev_name(pgpu->dev),
					   mvgpu_debugfs_root);
	debugfs_create_file("partitions", 0444, pgpu->debugfs, pgpu,
			    &partitions_fops);
	debugfs_create_file("sched", 0444, pgpu->debugfs, pgpu,
			    &pgpu_sched_fops);
	mvgpu_native_init(pgpu);
}

/**
 * mvgpu_debugfs_pgpu_fini() - remove the physical GPU's directory
 * @pgpu: physical GPU
 */
void mvgpu_debugfs_pgpu_fini(struct mvgpu_pgpu *pgpu)
{
	mvgpu_native_fini(pgpu);
	debugfs_remove_recursive(pgpu->debugfs);
}

/**
 * mvgpu_debugfs_vgpu_init() - per vGPU directory
 * @vgpu: the vGPU
 */
void mvgpu_debugfs_vgpu_init(struct mvgpu_vgpu *vgpu)
{
	char name[16];

	snprintf(name, sizeof(name), "vgpu%d", vgpu->id);
	vgpu->debugfs = debugfs_create_dir(name, vgpu->pgpu->debugfs);
	debugfs_create_file("stats", 0444, vgpu->debugfs, vgpu, &stats_fops);
	debugfs_create_file("unknown_mmio", 0444, vgpu->debugfs, vgpu,
			    &unknown_mmio_fops);
	debugfs_create_file("regs", 0444, vgpu->debugfs, vgpu, &regs_fops);
	debugfs_create_file("gtt", 0444, vgpu->debugfs, vgpu, &gtt_fops);
	debugfs_create_file("ppgtt", 0444, vgpu->debugfs, vgpu, &ppgtt_fops);
	debugfs_create_file("status", 0444, vgpu->debugfs, vgpu, &status_fops);
	debugfs_create_file("sched", 0444, vgpu->debugfs, vgpu,
			    &vgpu_sched_fops);
	debugfs_create_file("display", 0444, vgpu->debugfs, vgpu,
			    &display_fops);
	debugfs_create_file("context", 0444, vgpu->debugfs, vgpu,
			    &context_fops);
}

/**
 * mvgpu_debugfs_vgpu_fini() - remove the vGPU's directory
 * @vgpu: the vGPU
 */
void mvgpu_debugfs_vgpu_fini(struct mvgpu_vgpu *vgpu)
{
	debugfs_remove_recursive(vgpu->debugfs);
}
