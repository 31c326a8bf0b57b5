// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU debugfs, in /sys/kernel/debug/mvgpu_sgpu/sgpu<N>/: per
 * engine, engine<E> (its state and counters) and fault<E> (write 1 to
 * make it fault); ggtt (GGTT counters); ppgtt (per-process translation
 * counters).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>

#include "sgpu/sgpu.h"

static int engine_show(struct seq_file *m, void *unused)
{
	struct sgpu_engine *e = m->private;
	const struct sgpu_engine_stats *s = &e->stats;
	u64 busy = READ_ONCE(s->busy_ns);
	bool active;
	u32 ctx = 0;
	int i;

	spin_lock(&e->lock);
	active = e->active;
	if (active) {
		ctx = e->active->ctx_id;
		busy += ktime_get_ns() - e->active_since;
	}
	spin_unlock(&e->lock);

	seq_printf(m, "engine: %s\n", e->name);
	if (active)
		seq_printf(m, "state: busy (context %u)\n", ctx);
	else
		seq_puts(m, "state: idle\n");
	seq_printf(m, "queued: %llu\n", sgpu_engine_queued(e));
	seq_printf(m, "busy_ns: %llu\n", busy);
	seq_printf(m, "completed: %llu\n", READ_ONCE(s->completed));
	seq_printf(m, "errors: %llu\n", READ_ONCE(s->errors));
	seq_printf(m, "cancelled: %llu\n", READ_ONCE(s->cancelled));
	seq_printf(m, "preempted: %llu\n", READ_ONCE(s->preempted));
	seq_printf(m, "resets: %llu\n", READ_ONCE(s->resets));
	seq_printf(m, "faults: %llu\n", READ_ONCE(s->faults));
	seq_printf(m, "wedged: %d\n", READ_ONCE(e->wedged));
	seq_printf(m, "commands: %llu\n", READ_ONCE(s->cmds));
	seq_printf(m, "last_error: %s\n",
		   mvgpu_cmd_error_name(READ_ONCE(e->last_error)));
	seq_printf(m, "timestamp: %llu\n", sgpu_gpu_timestamp(e->gpu, e->id));
	for (i = 0; i < MVGPU_NUM_GPRS; i++)
		seq_printf(m, "gpr%d: %#llx\n", i, READ_ONCE(e->gpr[i]));
	seq_printf(m, "pml4: %#llx\n", READ_ONCE(e->pml4));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(engine);

/* Writing 1 makes the engine fault (sgpu_engine_fault()). */
static ssize_t fault_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct sgpu_engine *e = file->private_data;
	bool on;
	int ret;

	ret = kstrtobool_from_user(ubuf, count, &on);
	if (ret)
		return ret;
	if (on)
		sgpu_engine_fault(e);
	return count;
}

static const struct file_operations fault_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = fault_write,
	.llseek = noop_llseek,
};

static int ggtt_show(struct seq_file *m, void *unused)
{
	struct sgpu_gpu *gpu = m->private;

	seq_printf(m, "entries: %u\n", gpu->nr_ggtt);
	seq_printf(m, "invalidates: %lld\n",
		   atomic64_read(&gpu->ggtt_invalidates));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ggtt);

static int ppgtt_show(struct seq_file *m, void *unused)
{
	struct sgpu_gpu *gpu = m->private;

	seq_printf(m, "faults: %lld\n", atomic64_read(&gpu->ppgtt_faults));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ppgtt);

/**
 * sgpu_debugfs_gpu_init() - create the GPU-wide debugfs files
 * @gpu: software GPU, its directory created (nothing is done without)
 */
void sgpu_debugfs_gpu_init(struct sgpu_gpu *gpu)
{
	if (!gpu->debugfs)
		return;
	debugfs_create_file("ggtt", 0444, gpu->debugfs, gpu, &ggtt_fops);
	debugfs_create_file("ppgtt", 0444, gpu->debugfs, gpu, &ppgtt_fops);
}

/**
 * sgpu_debugfs_engine_init() - create an engine's debugfs file
 * @e: engine
 * @parent: the GPU's directory (nothing is created for NULL)
 *
 * The file goes away with the directory (sgpu_gpu_fini()).
 */
void sgpu_debugfs_engine_init(struct sgpu_engine *e, struct dentry *parent)
{
	char name[16];

	if (!parent)
		return;
	snprintf(name, sizeof(name), "engine%u", e->id);
	e->debugfs = debugfs_create_file(name, 0444, parent, e, &engine_fops);
	snprintf(name, sizeof(name), "fault%u", e->id);
	debugfs_create_file(name, 0200, parent, e, &fault_fops);
}
