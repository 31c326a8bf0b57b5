// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU instances: the device on the mvgpu_sgpu bus, its device
 * model (gpu.c), and its registration with the mediation core through the
 * backend interface.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/err.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "sgpu/sgpu.h"

/*
 * Protects sgpu_devices and each device's dying flag.  Creation runs under
 * it; removal only claims and unlinks under it (see destroy()).
 */
static DEFINE_MUTEX(sgpu_devices_lock);
static LIST_HEAD(sgpu_devices);

static unsigned int remove_timeout_ms = 10000;
module_param(remove_timeout_ms, uint, 0644);
MODULE_PARM_DESC(remove_timeout_ms,
		 "How long removing a software GPU waits for the users of its open vGPUs to release them (ms); del_device then fails with EBUSY (default 10000)");

static void sgpu_ggtt_write(void *priv, u32 index, u64 pte)
{
	struct sgpu_device *sdev = priv;

	sgpu_gpu_ggtt_write(&sdev->gpu, index, pte);
}

static u64 sgpu_ggtt_read(void *priv, u32 index)
{
	struct sgpu_device *sdev = priv;

	return sgpu_gpu_ggtt_read(&sdev->gpu, index);
}

static void sgpu_ggtt_fill(void *priv, u32 index, u32 count, u64 pte)
{
	struct sgpu_device *sdev = priv;

	sgpu_gpu_ggtt_fill(&sdev->gpu, index, count, pte);
}

static void sgpu_ggtt_invalidate(void *priv)
{
	struct sgpu_device *sdev = priv;

	sgpu_gpu_ggtt_invalidate(&sdev->gpu);
}

/*
 * The software GPU reaches memory by physical address, so physically
 * contiguous pages are contiguous for it too.
 */
static int sgpu_map_range(void *priv, struct page *page, u64 size, u64 *addr)
{
	*addr = page_to_phys(page);
	return 0;
}

static int sgpu_map_page(void *priv, struct page *page, u64 *addr)
{
	return sgpu_map_range(priv, page, PAGE_SIZE, addr);
}

static void sgpu_unmap_page(void *priv, u64 addr)
{
}

static void sgpu_unmap_range(void *priv, u64 addr, u64 size)
{
}

static int sgpu_submit(void *priv, struct mvgpu_hw_workload *wl)
{
	struct sgpu_device *sdev = priv;

	return sgpu_gpu_submit(&sdev->gpu, wl);
}

static void sgpu_preempt_op(void *priv, u32 engine)
{
	struct sgpu_device *sdev = priv;

	sgpu_gpu_engine_preempt(&sdev->gpu, engine);
}

static void sgpu_engine_reset_op(void *priv, u32 engine)
{
	struct sgpu_device *sdev = priv;

	sgpu_gpu_engine_reset(&sdev->gpu, engine);
}

static u64 sgpu_timestamp(void *priv, u32 engine)
{
	struct sgpu_device *sdev = priv;

	return sgpu_gpu_timestamp(&sdev->gpu, engine);
}

/*
 * What a context image holds: the registers and a stopped position, with
 * the address space of each buffer on its stack.
 */
static void sgpu_context_show(void *priv, u32 engine, const void *ctx,
			      struct seq_file *m, const char *prefix)
{
	const struct sgpu_context *c = ctx;
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_GPRS; i++)
		seq_printf(m, "%sgpr%u: %#llx\n", prefix, i, c->gpr[i]);
	seq_printf(m, "%spml4: %#llx\n", prefix, c->pml4);
	seq_printf(m, "%sposition: %s\n", prefix, c->saved ? "saved" : "none");
	if (!c->saved)
		return;
	for (i = 1; i <= c->depth && i <= SGPU_EXEC_MAX_DEPTH; i++) {
		if (c->stack[i].as.ppgtt)
			seq_printf(m, "%sbatch%u: ppgtt %#llx\n", prefix, i,
				   c->stack[i].as.pml4);
		else
			seq_printf(m, "%sbatch%u: ggtt\n", prefix, i);
	}
}

/*
 * Migration: the registers travel as they are; the PML4 register and a
 * saved position name this GPU's addresses, which the core translates.
 */
static int sgpu_context_export(void *priv, u32 engine, void *ctx,
			       const struct mvgpu_ctx_reloc *reloc)
{
	struct sgpu_context *c = ctx;
	unsigned int i;
	int ret;

	reloc->root(reloc->priv, &c->pml4);
	if (!c->saved) {
		c->depth = 0;
		memset(c->stack, 0, sizeof(c->stack));
		memset(&c->cursor, 0, sizeof(c->cursor));
		return 0;
	}
	if (c->depth > SGPU_EXEC_MAX_DEPTH)
		return -EINVAL;
	for (i = 0; i <= c->depth; i++) {
		struct sgpu_exec_frame *fr = &c->stack[i];

		ret = reloc->frame(reloc->priv, i, &fr->buf, &fr->pos,
				   fr->as.ppgtt, &fr->as.pml4);
		if (ret)
			return ret;
	}
	for (; i <= SGPU_EXEC_MAX_DEPTH; i++)
		memset(&c->stack[i], 0, sizeof(c->stack[i]));
	return 0;
}

static int sgpu_context_import(void *priv, u32 engine, void *ctx,
			       const struct mvgpu_ctx_reloc *reloc)
{
	static const struct sgpu_exec_frame zero;
	struct sgpu_context *c = ctx;
	unsigned int i;
	int ret;

	if (c->saved > 1 || c->depth > SGPU_EXEC_MAX_DEPTH ||
	    (!c->saved && (c->depth || c->cursor.done || c->cursor.acc)))
		return -EINVAL;
	for (i = 0; i <= SGPU_EXEC_MAX_DEPTH; i++) {
		struct sgpu_exec_frame *fr = &c->stack[i];
		u8 ppgtt;

		/* A bool from the stream: only 0 and 1 are bools. */
		memcpy(&ppgtt, &fr->as.ppgtt, 1);
		if (ppgtt > 1 || (!ppgtt && fr->as.pml4))
			return -EINVAL;
		if (!c->saved || i > c->depth) {
			if (memcmp(fr, &zero, sizeof(*fr)))
				return -EINVAL;
			continue;
		}
		/* The ring runs in the GGTT. */
		if (!i && ppgtt)
			return -EINVAL;
		ret = reloc->frame(reloc->priv, i, &fr->buf, &fr->pos, ppgtt,
				   &fr->as.pml4);
		if (ret)
			return ret;
	}
	reloc->root(reloc->priv, &c->pml4);
	return 0;
}

/* The engines' error interrupt (hard interrupt context). */
static void sgpu_fault(void *priv, u32 engine)
{
	struct sgpu_device *sdev = priv;

	mvgpu_pgpu_engine_error(sdev->pgpu, engine);
}

static const struct mvgpu_backend_ops sgpu_backend_ops = {
	.ggtt_write = sgpu_ggtt_write,
	.ggtt_read = sgpu_ggtt_read,
	.ggtt_fill = sgpu_ggtt_fill,
	.ggtt_invalidate = sgpu_ggtt_invalidate,
	.map_page = sgpu_map_page,
	.unmap_page = sgpu_unmap_page,
	.submit = sgpu_submit,
	.engine_reset = sgpu_engine_reset_op,
	.preempt = sgpu_preempt_op,
	.timestamp = sgpu_timestamp,
	.map_range = sgpu_map_range,
	.unmap_range = sgpu_unmap_range,
	.context_export = sgpu_context_export,
	.context_import = sgpu_context_import,
	.context_show = sgpu_context_show,
};

static const struct mvgpu_pgpu_caps sgpu_caps = {
	.ggtt_size = SGPU_GGTT_SIZE,
	.aperture_size = SGPU_APERTURE_SIZE,
	.host_aperture = SGPU_HOST_APERTURE,
	.host_hidden = SGPU_HOST_HIDDEN,
	.engine_mask = BIT(MVGPU_ENGINE_RCS) | BIT(MVGPU_ENGINE_BCS),
	.context_size = sizeof(struct sgpu_context),
};

static void sgpu_device_release(struct device *dev)
{
	struct sgpu_device *sdev = container_of(dev, struct sgpu_device, dev);

	kfree(sdev);
}

static struct sgpu_device *find_locked(unsigned int id)
{
	struct sgpu_device *sdev;

	lockdep_assert_held(&sgpu_devices_lock);
	list_for_each_entry(sdev, &sgpu_devices, node)
		if (sdev->id == id)
			return sdev;
	return NULL;
}

/*
 * The driver of the mvgpu_sgpu bus: probe brings a software GPU up and
 * offers it to the core, remove withdraws it.  new_device and del_device
 * add and delete devices; the driver core calls these in between, as for
 * netdevsim's devices.
 */
static int sgpu_probe(struct device *dev)
{
	struct sgpu_device *sdev = container_of(dev, struct sgpu_device, dev);
	struct mvgpu_pgpu *pgpu;
	int ret;

	/* Bound again after an unbind: the device model starts afresh. */
	memset(&sdev->gpu, 0, sizeof(sdev->gpu));
	sdev->probe_err = 0;
	ret = sgpu_gpu_init(&sdev->gpu, dev_name(dev),
			    sgpu_caps.ggtt_size >> MVGPU_GTT_PAGE_SHIFT,
			    sgpu_debugfs_root);
	if (ret)
		goto err;
	pgpu = mvgpu_pgpu_register(dev, &sgpu_caps, &sgpu_backend_ops, sdev);
	if (IS_ERR(pgpu)) {
		ret = PTR_ERR(pgpu);
		goto err_gpu;
	}
	sdev->pgpu = pgpu;
	sgpu_gpu_set_fault_handler(&sdev->gpu, sgpu_fault, sdev);
	return 0;

err_gpu:
	sgpu_gpu_fini(&sdev->gpu);
err:
	sdev->probe_err = ret;
	return ret;
}

/*
 * Asks the users of its vGPUs to let go (the request IRQ) and waits for
 * them: a bounded time first, then, since an unbind cannot fail, for as
 * long as they keep the devices (as vfio-pci's unbind does).  del_device
 * waits only the bounded time (sgpu_device_destroy()).
 */
static int sgpu_remove(struct device *dev)
{
	struct sgpu_device *sdev = container_of(dev, struct sgpu_device, dev);

	if (mvgpu_pgpu_remove_begin(sdev->pgpu, READ_ONCE(remove_timeout_ms)))
		dev_warn(dev, "unbinding waits for the users of its vGPUs\n");
	/* No error interrupt reaches the core once it let go of the GPU. */
	sgpu_gpu_set_fault_handler(&sdev->gpu, NULL, NULL);
	/* Once the core is gone nothing submits: the engines can stop. */
	mvgpu_pgpu_unregister(sdev->pgpu);
	sdev->pgpu = NULL;
	sgpu_gpu_fini(&sdev->gpu);
	return 0;
}

struct device_driver sgpu_driver = {
	.name = "mvgpu_sgpu",
	.bus = &sgpu_bus_type,
	.owner = THIS_MODULE,
	.probe = sgpu_probe,
	.remove = sgpu_remove,
};

/**
 * sgpu_device_create() - create software GPU sgpu<id>
 * @id: instance number
 *
 * The device is added to the bus, and the driver binds to it: its probe
 * registers the GPU with the core.
 *
 * Return: 0, -EEXIST if it exists, -ENOMEM, or the probe's error (the
 * core's, or the device model's).
 */
int sgpu_device_create(unsigned int id)
{
	struct sgpu_device *sdev;
	int ret;

	mutex_lock(&sgpu_devices_lock);
	if (find_locked(id)) {
		ret = -EEXIST;
		goto out_unlock;
	}
	sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);
	if (!sdev) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	sdev->id = id;
	device_initialize(&sdev->dev);
	sdev->dev.bus = &sgpu_bus_type;
	sdev->dev.release = sgpu_device_release;
	ret = dev_set_name(&sdev->dev, "sgpu%u", id);
	if (ret)
		goto err_put;
	ret = device_add(&sdev->dev);
	if (ret)
		goto err_put;
	if (!device_is_bound(&sdev->dev)) {
		ret = sdev->probe_err ?: -ENODEV;
		goto err_del;
	}
	list_add_tail(&sdev->node, &sgpu_devices);
	mutex_unlock(&sgpu_devices_lock);
	return 0;

err_del:
	device_del(&sdev->dev);
err_put:
	put_device(&sdev->dev);
out_unlock:
	mutex_unlock(&sgpu_devices_lock);
	return ret;
}

/*
 * Remove a device marked dying, without sgpu_devices_lock: withdrawing it
 * from the core waits for the users of its vGPUs to let go, and creates
 * and deletes of other devices must not wait for that.  It stays on the
 * list meanwhile, so its id is neither reused nor deleted twice.
 */
static void destroy(struct sgpu_device *sdev)
{
	/* Unbinds the driver: sgpu_remove(), if it is bound. */
	device_del(&sdev->dev);
	mutex_lock(&sgpu_devices_lock);
	list_del(&sdev->node);
	mutex_unlock(&sgpu_devices_lock);
	put_device(&sdev->dev);
}

/* The device to delete: @id's, or any (@id < 0) not already dying. */
static struct sgpu_device *claim(int id)
{
	struct sgpu_device *sdev, *found = NULL;

	mutex_lock(&sgpu_devices_lock);
	list_for_each_entry(sdev, &sgpu_devices, node) {
		if (!sdev->dying && (id < 0 || sdev->id == id)) {
			sdev->dying = true;
			found = sdev;
			break;
		}
	}
	mutex_unlock(&sgpu_devices_lock);
	return found;
}

static void unclaim(struct sgpu_device *sdev)
{
	mutex_lock(&sgpu_devices_lock);
	sdev->dying = false;
	mutex_unlock(&sgpu_devices_lock);
}

/*
 * Ask the users of @sdev's open vGPUs to let go, waiting at most
 * remove_timeout_ms.  Under the device lock, so that the driver is neither
 * unbound nor bound meanwhile.  On success no vGPU can be created or
 * opened any more, and the removal that follows waits for no user.
 */
static int release_vgpus(struct sgpu_device *sdev)
{
	int ret = 0;

	device_lock(&sdev->dev);
	if (sdev->pgpu) {
		ret = mvgpu_pgpu_remove_begin(sdev->pgpu,
					      READ_ONCE(remove_timeout_ms));
		if (ret)
			mvgpu_pgpu_remove_cancel(sdev->pgpu);
	}
	device_unlock(&sdev->dev);
	return ret;
}

/**
 * sgpu_device_destroy() - remove software GPU sgpu<id> and its vGPUs
 * @id: instance number
 *
 * Asks the users of its open vGPUs to close them (the request IRQ) and
 * waits at most remove_timeout_ms; other devices can be created and
 * removed meanwhile.  If a vGPU is still open then, the device stays as it
 * was and its vGPUs carry on.
 *
 * Return: 0, -ENOENT if there is no such device or it is being removed,
 * or -EBUSY if a vGPU of it is still open after the timeout.
 */
int sgpu_device_destroy(unsigned int id)
{
	struct sgpu_device *sdev = claim(id);
	int ret;

	if (!sdev)
		return -ENOENT;
	ret = release_vgpus(sdev);
	if (ret) {
		unclaim(sdev);
		return ret;
	}
	destroy(sdev);
	return 0;
}

/**
 * sgpu_device_destroy_all() - remove every software GPU (module exit)
 *
 * Exiting cannot fail: after the bounded wait for the users of open vGPUs
 * (sgpu_remove()), it waits for as long as they keep them.
 */
void sgpu_device_destroy_all(void)
{
	struct sgpu_device *sdev;

	while ((sdev = claim(-1)))
		destroy(sdev);
}
