// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native submission: the host driving the physical GPU directly, with no
 * command parser and no shadow copy.  It is the baseline that mediated
 * submission is measured against (tools/bench/mvgpu-bench-cmd.c):
 *
 * /sys/kernel/debug/mvgpu/<pgpu>/native/mem
 *	The host arena: zeroed host pages mapped at graphics addresses
 *	[0, size) of the host's aperture reservation.  read(), write() and
 *	llseek() at file offset = graphics address; the file ends at the
 *	arena's end (SEEK_END gives the size).
 *
 * /sys/kernel/debug/mvgpu/<pgpu>/native/submit
 *	Writing "<engine> <start> <size>" executes the <size> bytes of
 *	commands at graphics address <start> of the arena on <engine> (0 or
 *	"rcs", 1 or "bcs"); numbers in C notation, start and size dword
 *	aligned.  The write returns once the workload completed: the byte
 *	count when it succeeded, else its status (-EIO for an engine error,
 *	-ETIMEDOUT when it ran past the hang timeout and its engine was
 *	reset, -ECANCELED when an engine reset dropped it).  A signal while
 *	waiting returns -EINTR and leaves the workload running; the next
 *	request waits for it.  Writing "free" releases the arena.  Reading
 *	shows the last workload: its request, status, the engine time it
 *	used (busy_ns) and the time from submission to completion (wall_ns).
 *
 * Nothing audits the stream: like any native driver's, it may reach every
 * graphics address.  It runs through the scheduler all the same, as the
 * host's client of the engine (mvgpu_sched_host_init(): a whole GPU's
 * weight), so it shares the engine with the vGPUs under the policy in
 * force and the scheduler's hang detection applies to it.  Both files are
 * root's only.  The arena is allocated
 * on first use and freed with "free" or when the physical GPU goes away;
 * one workload is in flight at a time.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "mvgpu_drv.h"
#include "core/host_mem.h"
#include "core/bench.h"
#include "core/sched.h"

/* The arena takes at most this much of the host's aperture reservation. */
#define NATIVE_ARENA_MAX	(48ull << 20)
#define GM_PAGE			BIT_ULL(MVGPU_GTT_PAGE_SHIFT)
/* Longest request accepted by the submit file, newline included. */
#define NATIVE_REQ_MAX		64

/**
 * struct mvgpu_native_result - one workload as the submit file shows it
 * @seq: its number (1 for the first workload)
 * @engine: MVGPU_ENGINE_*
 * @start: graphics address of the stream
 * @size: bytes of the stream
 * @status: 0 or the negative errno of its completion
 * @busy_ns: engine time it used
 * @wall_ns: time from submission to completion
 */
struct mvgpu_native_result {
	u64 seq;
	u32 engine;
	u64 start;
	u32 size;
	int status;
	u64 busy_ns;
	u64 wall_ns;
};

/**
 * struct mvgpu_native - native submission on one physical GPU
 * @pgpu: the physical GPU
 * @dir: the native/ debugfs directory
 * @size: bytes of arena; 0 when the host aperture reservation is empty
 * @lock: protects the fields below
 * @arena: host pages at graphics address 0, allocated on first use
 * @wl: the workload in flight (or the last one)
 * @host: the host's scheduler client of each engine
 * @done: completed when the scheduler retired @wl for good
 * @done_ns: ktime_get_ns() then
 * @busy: @wl is with the scheduler
 * @hung: the scheduler declared @wl hung and reset its engine
 * @submit_ns: ktime_get_ns() before @wl was queued
 * @cur: request of @wl
 * @last: the last workload that completed (seq 0: none yet)
 */
struct mvgpu_native {
	struct mvgpu_pgpu *pgpu;
	struct dentry *dir;
	u64 size;

	struct mutex lock;	/* protects the fields below */
	struct mvgpu_host_mem arena;
	struct mvgpu_hw_workload wl;
	struct mvgpu_sched_client host[MVGPU_NUM_ENGINES];
	struct completion done;
	u64 done_ns;
	bool busy;
	bool hung;
	u64 submit_ns;
	struct mvgpu_native_result cur;
	struct mvgpu_native_result last;
};

/* ---- the arena --------------------------------------------------------- */

static void arena_free(struct mvgpu_native *n)
{
	lockdep_assert_held(&n->lock);
	if (WARN_ON(n->busy))
		return;
	mvgpu_host_mem_free(n->pgpu, &n->arena);
}

static int arena_alloc(struct mvgpu_native *n)
{
	unsigned int nr = n->size >> MVGPU_GTT_PAGE_SHIFT;

	lockdep_assert_held(&n->lock);
	if (n->arena.pages)
		return 0;
	if (!nr)
		return -ENODEV;
	return mvgpu_host_mem_alloc(n->pgpu, &n->arena, 0, nr, false);
}

/* ---- workloads --------------------------------------------------------- */

/* The backend is done with @wl (any context): tell the scheduler. */
static void native_complete(struct mvgpu_hw_workload *wl)
{
	struct mvgpu_native *n = container_of(wl, struct mvgpu_native, wl);

	mvgpu_sched_signal_done(n->pgpu, wl->engine);
}

/*
 * The scheduler gives @wl back.  Preempted, or stopped by a reset that was
 * not its own, it stays ready and resumes; otherwise it is over.
 */
static void native_client_retire(struct mvgpu_sched_client *c, int status,
				 bool hung)
{
	struct mvgpu_native *n = container_of(c - c->engine,
					      struct mvgpu_native, host[0]);

	if (!hung && (status == -EAGAIN || status == -ECANCELED)) {
		n->wl.flags |= MVGPU_WL_RESUME;
		return;
	}
	mvgpu_sched_client_done(n->pgpu, c);
	WRITE_ONCE(n->hung, hung);
	WRITE_ONCE(n->done_ns, ktime_get_ns());
	complete(&n->done);
}

static const struct mvgpu_sched_client_ops native_client_ops = {
	.retire = native_client_retire,
};

/* @wl completed: record its result. */
static void native_retire(struct mvgpu_native *n)
{
	lockdep_assert_held(&n->lock);
	n->busy = false;
	n->last = n->cur;
	n->last.status = n->hung ? -ETIMEDOUT : n->wl.status;
	n->last.busy_ns = n->wl.busy_ns;
	n->last.wall_ns = READ_ONCE(n->done_ns) - n->submit_ns;
}

/*
 * Wait for the workload in flight, if any (the scheduler declares it hung
 * at the hang timeout).  Return 0 when idle, or -ERESTARTSYS (the workload
 * still in flight) if a signal came first and @intr allows that.
 */
static int native_idle(struct mvgpu_native *n, bool intr)
{
	lockdep_assert_held(&n->lock);
	if (!n->busy)
		return 0;
	if (intr) {
		if (wait_for_completion_interruptible(&n->done))
			return -ERESTARTSYS;
	} else {
		wait_for_completion(&n->done);
	}
	native_retire(n);
	return 0;
}

/* Queue @req and wait for it: 0, its failed status or -EINTR. */
static int native_run(struct mvgpu_native *n,
		      const struct mvgpu_native_result *req)
{
	lockdep_assert_held(&n->lock);
	memset(&n->wl, 0, sizeof(n->wl));
	n->wl.engine = req->engine;
	n->wl.ctx_id = 0;
	n->wl.start = req->start;
	n->wl.size = req->size;
	n->wl.complete = native_complete;
	reinit_completion(&n->done);
	n->hung = false;
	n->cur = *req;
	n->cur.seq = n->last.seq + 1;
	n->submit_ns = ktime_get_ns();
	n->busy = true;
	mvgpu_sched_host_queue(n->pgpu, &n->host[req->engine]);
	/* Restarting the write would run the workload again. */
	if (native_idle(n, true))
		return -EINTR;
	return n->last.status;
}

/* ---- the submit file --------------------------------------------------- */

static int parse_engine(const char *s, u32 *engine)
{
	if (!strcmp(s, "rcs"))
		*engine = MVGPU_ENGINE_RCS;
	else if (!strcmp(s, "bcs"))
		*engine = MVGPU_ENGINE_BCS;
	else
		return kstrtou32(s, 0, engine);
	return 0;
}

/*
 * Parse a request into @req: 1 for "free", 0 for a workload, -EINVAL for
 * anything else.
 */
static int parse_request(char *s, struct mvgpu_native_result *req)
{
	char *tok[3], *t;
	unsigned int nr = 0;

	while ((t = strsep(&s, " \t\n"))) {
		if (!*t)
			continue;
		if (nr == ARRAY_SIZE(tok))
			return -EINVAL;
		tok[nr++] = t;
	}
	if (nr == 1 && !strcmp(tok[0], "free"))
		return 1;
	if (nr != 3 || parse_engine(tok[0], &req->engine) ||
	    kstrtou64(tok[1], 0, &req->start) ||
	    kstrtou32(tok[2], 0, &req->size))
		return -EINVAL;
	return 0;
}

static int check_request(const struct mvgpu_native *n,
			 const struct mvgpu_native_result *req)
{
	if (req->engine >= MVGPU_NUM_ENGINES ||
	    !(n->pgpu->caps.engine_mask & BIT(req->engine)))
		return -EINVAL;
	if (!req->size || !IS_ALIGNED(req->start | req->size, 4))
		return -EINVAL;
	if (!n->size)
		return -ENODEV;
	if (req->start >= n->size || req->size > n->size - req->start)
		return -ERANGE;
	return 0;
}

static ssize_t submit_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct mvgpu_native *n = ((struct seq_file *)file->private_data)->private;
	struct mvgpu_native_result req = {};
	char buf[NATIVE_REQ_MAX];
	bool free;
	int ret;

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	ret = parse_request(buf, &req);
	if (ret < 0)
		return ret;
	free = ret;
	if (!free) {
		ret = check_request(n, &req);
		if (ret)
			return ret;
	}

	if (mutex_lock_interruptible(&n->lock))
		return -ERESTARTSYS;
	ret = native_idle(n, true);
	if (ret)
		goto out;
	if (free) {
		arena_free(n);
		goto out;
	}
	ret = arena_alloc(n);
	if (!ret)
		ret = native_run(n, &req);
out:
	mutex_unlock(&n->lock);
	return ret ? ret : count;
}

static void show_result(struct seq_file *m, const char *state,
			const struct mvgpu_native_result *r, bool done)
{
	seq_printf(m, "state: %s\n", state);
	seq_printf(m, "seq: %llu\n", r->seq);
	seq_printf(m, "engine: %u\n", r->engine);
	seq_printf(m, "start: %#llx\n", r->start);
	seq_printf(m, "size: %u\n", r->size);
	if (!done)
		return;
	seq_printf(m, "status: %d\n", r->status);
	seq_printf(m, "busy_ns: %llu\n", r->busy_ns);
	seq_printf(m, "wall_ns: %llu\n", r->wall_ns);
}

static int submit_show(struct seq_file *m, void *unused)
{
	struct mvgpu_native *n = m->private;

	if (mutex_lock_interruptible(&n->lock))
		return -EINTR;
	/* A workload left running by a signal may have completed since. */
	if (n->busy && completion_done(&n->done))
		native_idle(n, false);
	if (n->busy)
		show_result(m, "busy", &n->cur, false);
	else if (n->last.seq)
		show_result(m, "idle", &n->last, true);
	else
		seq_puts(m, "state: none\n");
	seq_printf(m, "arena: %#llx bytes, %s\n", n->size,
		   n->arena.pages ? "allocated" : "not allocated");
	mutex_unlock(&n->lock);
	return 0;
}

static int submit_open(struct inode *inode, struct file *file)
{
	return single_open(file, submit_show, inode->i_private);
}

static const struct file_operations submit_fops = {
	.owner = THIS_MODULE,
	.open = submit_open,
	.read = seq_read,
	.write = submit_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- the mem file ------------------------------------------------------ */

static ssize_t mem_rw(struct mvgpu_native *n, char __user *ubuf,
		      size_t count, loff_t *ppos, bool write)
{
	loff_t pos = *ppos;
	size_t done = 0;
	int ret;

	if (pos < 0)
		return -EINVAL;
	if (!n->size)
		return -ENODEV;
	if (pos >= n->size)
		return write ? -ENOSPC : 0;
	count = min_t(u64, count, n->size - pos);
	if (!count)
		return 0;

	if (mutex_lock_interruptible(&n->lock))
		return -ERESTARTSYS;
	ret = arena_alloc(n);
	if (ret)
		goto out;
	while (done < count) {
		u64 gm = pos + done;
		u32 off = gm & (GM_PAGE - 1);
		size_t len = min_t(size_t, count - done, GM_PAGE - off);
		void *va = kmap_local_page(n->arena.pages[gm >> MVGPU_GTT_PAGE_SHIFT]);
		unsigned long left;

		if (write)
			left = copy_from_user(va + off, ubuf + done, len);
		else
			left = copy_to_user(ubuf + done, va + off, len);
		kunmap_local(va);
		done += len - left;
		if (left || fatal_signal_pending(current))
			break;
		cond_resched();
	}
	if (!done)
		ret = -EFAULT;
	*ppos = pos + done;
out:
	mutex_unlock(&n->lock);
	return ret ? ret : done;
}

static ssize_t mem_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	return mem_rw(file->private_data, ubuf, count, ppos, false);
}

static ssize_t mem_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	return mem_rw(file->private_data, (char __user *)ubuf, count, ppos,
		      true);
}

static loff_t mem_llseek(struct file *file, loff_t offset, int whence)
{
	struct mvgpu_native *n = file->private_data;

	return fixed_size_llseek(file, offset, whence, n->size);
}

static const struct file_operations mem_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = mem_read,
	.write = mem_write,
	.llseek = mem_llseek,
};

/* ---- lifecycle --------------------------------------------------------- */

/**
 * mvgpu_native_init() - offer native submission on a physical GPU
 * @pgpu: the physical GPU; its debugfs directory exists
 *
 * Creates native/ in the pGPU's debugfs directory and attaches the host's
 * client to each engine's scheduler.  Nothing is allocated until the
 * first use.  Without memory for the context there is simply no
 * native/ directory.
 */
void mvgpu_native_init(struct mvgpu_pgpu *pgpu)
{
	struct mvgpu_native *n;
	unsigned int i;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return;
	n->pgpu = pgpu;
	n->size = min(NATIVE_ARENA_MAX,
		      round_down(pgpu->caps.host_aperture, GM_PAGE));
	mutex_init(&n->lock);
	init_completion(&n->done);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		if (!(pgpu->caps.engine_mask & BIT(i)))
			continue;
		mvgpu_sched_host_init(pgpu, &n->host[i], i, &n->wl,
				      &native_client_ops);
		mvgpu_sched_host_attach(pgpu, &n->host[i]);
	}
	n->dir = debugfs_create_dir("native", pgpu->debugfs);
	debugfs_create_file("mem", 0600, n->dir, n, &mem_fops);
	debugfs_create_file("submit", 0600, n->dir, n, &submit_fops);
	pgpu->native = n;
}

/**
 * mvgpu_native_fini() - withdraw native submission from a physical GPU
 * @pgpu: the physical GPU; call before removing its debugfs directory
 *
 * Removes native/ (waiting for file operations in progress), waits for a
 * workload still in flight and frees the arena.
 */
void mvgpu_native_fini(struct mvgpu_pgpu *pgpu)
{
	struct mvgpu_native *n = pgpu->native;
	unsigned int i;

	if (!n)
		return;
	pgpu->native = NULL;

	debugfs_remove_recursive(n->dir);
	mutex_lock(&n->lock);
	native_idle(n, false);
	arena_free(n);
	mutex_unlock(&n->lock);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		if (pgpu->caps.engine_mask & BIT(i))
			mvgpu_sched_host_detach(pgpu, &n->host[i]);
	mutex_destroy(&n->lock);
	kfree(n);
}
