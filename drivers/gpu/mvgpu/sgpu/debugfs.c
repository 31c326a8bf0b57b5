// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU debugfs: one file per engine,
 * /sys/kernel/debug/mvgpu_sgpu/sgpu<N>/engine<E>, with its state and
 * counters.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/debugfs.h>
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
	seq_printf(m, "commands: %llu\n", READ_ONCE(s->cmds));
	seq_printf(m, "last_error: %s\n",
		   mvgpu_cmd_error_name(READ_ONCE(e->last_error)));
	seq_printf(m, "timestamp: %llu\n", sgpu_gpu_timestamp(e->gpu, e->id));
	for (i = 0; i < MVGPU_NUM_GPRS; i++)
		seq_printf(m, "gpr%d: %#llx\n", i, READ_ONCE(e->gpr[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(engine);

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
}
