// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical GPU registration: a backend hands the core a device, its
 * capabilities and its ops; the core partitions its graphics memory, starts
 * the scheduler of its engines, and hands it to the front end, which offers
 * its vGPU types to users.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/device.h>
#include <linux/bits.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/irq.h"

static int check_caps(const struct mvgpu_pgpu_caps *caps,
		      const struct mvgpu_backend_ops *ops)
{
	if (!ops || !ops->ggtt_write || !ops->ggtt_read ||
	    !ops->ggtt_invalidate || !ops->map_page || !ops->unmap_page ||
	    !ops->submit || !ops->engine_reset || !ops->timestamp ||
	    !ops->preempt || !ops->map_range != !ops->unmap_range ||
	    !ops->context_export != !ops->context_import)
		return -EINVAL;
	if (!caps->engine_mask ||
	    caps->engine_mask & ~GENMASK(MVGPU_NUM_ENGINES - 1, 0))
		return -EINVAL;
	if (caps->context_size > MVGPU_CONTEXT_SIZE_MAX)
		return -EINVAL;
	if (!caps->ggtt_size || caps->ggtt_size > SZ_4G ||
	    !IS_ALIGNED(caps->ggtt_size, SZ_4K))
		return -EINVAL;
	if (!is_power_of_2(caps->aperture_size) ||
	    caps->aperture_size > caps->ggtt_size)
		return -EINVAL;
	if (caps->host_aperture > caps->aperture_size ||
	    caps->host_hidden > caps->ggtt_size - caps->aperture_size)
		return -EINVAL;
	/* The hidden reservation holds one shadow buffer per vGPU engine. */
	if (caps->host_hidden < (u64)MVGPU_MAX_VGPUS_PER_PGPU *
	    MVGPU_NUM_ENGINES * MVGPU_SHADOW_SIZE)
		return -EINVAL;
	return 0;
}

/**
 * mvgpu_pgpu_unmap_range() - undo mvgpu_pgpu_map_range()
 * @pgpu: physical GPU
 * @addr: the address it returned
 * @npages: the pages it mapped
 */
void mvgpu_pgpu_unmap_range(struct mvgpu_pgpu *pgpu, u64 addr,
			    unsigned int npages)
{
	unsigned int i;

	if (pgpu->ops->unmap_range) {
		pgpu->ops->unmap_range(pgpu->priv, addr,
				       (u64)npages << PAGE_SHIFT);
		return;
	}
	for (i = 0; i < npages; i++)
		pgpu->ops->unmap_page(pgpu->priv, addr + ((u64)i << PAGE_SHIFT));
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pgpu_unmap_range);

/**
 * mvgpu_pgpu_map_range() - map physically contiguous pages for the GPU
 * @pgpu: physical GPU
 * @page: the first page
 * @npages: pages from @page
 * @addr: the GPU address of @page; the others follow it
 *
 * Uses the backend's map_range, or else maps page by page and requires
 * the addresses to follow each other.
 *
 * Return: 0, the backend's error, or -EINVAL when the backend mapped the
 * pages at addresses that are not contiguous (nothing stays mapped).
 */
int mvgpu_pgpu_map_range(struct mvgpu_pgpu *pgpu, struct page *page,
			 unsigned int npages, u64 *addr)
{
	u64 first = 0, a;
	unsigned int i;
	int ret;

	if (pgpu->ops->map_range)
		return pgpu->ops->map_range(pgpu->priv, page,
					    (u64)npages << PAGE_SHIFT, addr);
	for (i = 0; i < npages; i++) {
		ret = pgpu->ops->map_page(pgpu->priv, nth_page(page, i), &a);
		if (ret)
			goto undo;
		if (!i) {
			first = a;
		} else if (a != first + ((u64)i << PAGE_SHIFT)) {
			pgpu->ops->unmap_page(pgpu->priv, a);
			ret = -EINVAL;
			goto undo;
		}
	}
	*addr = first;
	return 0;

undo:
	mvgpu_pgpu_unmap_range(pgpu, first, i);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pgpu_map_range);

/**
 * mvgpu_pgpu_fill_ggtt_with() - point GGTT entries at one page
 * @pgpu: physical GPU
 * @start: first graphics address (page aligned)
 * @size: bytes (page aligned)
 * @addr: the page's address for the GPU
 *
 * The GPU no longer uses the old entries when this returns (the backend's
 * GGTT invalidate).  May sleep.
 */
void mvgpu_pgpu_fill_ggtt_with(struct mvgpu_pgpu *pgpu, u64 start, u64 size,
			       u64 addr)
{
	u64 pte = addr | MVGPU_GTT_PTE_PRESENT;
	u32 i, first = start >> MVGPU_GTT_PAGE_SHIFT;
	u32 n = size >> MVGPU_GTT_PAGE_SHIFT;

	if (!n)
		return;
	if (pgpu->ops->ggtt_fill) {
		pgpu->ops->ggtt_fill(pgpu->priv, first, n, pte);
	} else {
		for (i = 0; i < n; i++) {
			pgpu->ops->ggtt_write(pgpu->priv, first + i, pte);
			if (!(i % 4096))
				cond_resched();
		}
	}
	pgpu->ops->ggtt_invalidate(pgpu->priv);
}

/**
 * mvgpu_pgpu_fill_ggtt() - point GGTT entries at the pGPU's scratch page
 * @pgpu: physical GPU
 * @start: first graphics address (page aligned)
 * @size: bytes (page aligned)
 *
 * For ranges no vGPU owns; a vGPU's own entries use its own scratch page.
 */
void mvgpu_pgpu_fill_ggtt(struct mvgpu_pgpu *pgpu, u64 start, u64 size)
{
	mvgpu_pgpu_fill_ggtt_with(pgpu, start, size, pgpu->scratch_addr);
}

static int init_scratch(struct mvgpu_pgpu *pgpu)
{
	int ret;

	pgpu->scratch_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!pgpu->scratch_page)
		return -ENOMEM;
	ret = pgpu->ops->map_page(pgpu->priv, pgpu->scratch_page,
				  &pgpu->scratch_addr);
	if (ret) {
		__free_page(pgpu->scratch_page);
		return ret;
	}
	return 0;
}

static void fini_scratch(struct mvgpu_pgpu *pgpu)
{
	pgpu->ops->unmap_page(pgpu->priv, pgpu->scratch_addr);
	__free_page(pgpu->scratch_page);
}

static int init_gm(struct mvgpu_pgpu *pgpu)
{
	const struct mvgpu_pgpu_caps *caps = &pgpu->caps;
	u64 hidden_start = caps->aperture_size + caps->host_hidden;
	int ret;

	ret = mvgpu_gm_space_init(&pgpu->gm.aperture, caps->host_aperture,
				  caps->aperture_size - caps->host_aperture);
	if (ret)
		return ret;
	ret = mvgpu_gm_space_init(&pgpu->gm.hidden, hidden_start,
				  caps->ggtt_size - hidden_start);
	if (ret)
		return ret;
	mvgpu_pgpu_fill_ggtt(pgpu, pgpu->gm.aperture.start,
			     pgpu->gm.aperture.size);
	mvgpu_pgpu_fill_ggtt(pgpu, pgpu->gm.hidden.start, pgpu->gm.hidden.size);
	return 0;
}

/**
 * mvgpu_pgpu_register() - offer a physical GPU to the mediation core
 * @dev: the backend's device; becomes the parent of the vGPUs' devices
 * @caps: what the GPU offers (copied)
 * @ops: backend operations (must outlive the registration)
 * @priv: cookie passed to @ops
 *
 * On return the front end offers the pGPU's vGPU types (the VFIO front end:
 * mdev types under mdev_supported_types/) and vGPUs can be created on it.
 *
 * Return: the physical GPU, or an ERR_PTR: -EINVAL for inconsistent
 * capabilities or ops, or graphics memory too small for any vGPU type;
 * -ENODEV without a front end, -ENOMEM, or the front end's error.
 */
struct mvgpu_pgpu *mvgpu_pgpu_register(struct device *dev,
				       const struct mvgpu_pgpu_caps *caps,
				       const struct mvgpu_backend_ops *ops,
				       void *priv)
{
	const struct mvgpu_frontend *fe = mvgpu_core_frontend();
	struct mvgpu_pgpu *pgpu;
	int ret;

	if (!fe)
		return ERR_PTR(-ENODEV);
	ret = check_caps(caps, ops);
	if (ret) {
		dev_err(dev, "mvgpu: backend capabilities rejected\n");
		return ERR_PTR(ret);
	}
	pgpu = kzalloc(sizeof(*pgpu), GFP_KERNEL);
	if (!pgpu)
		return ERR_PTR(-ENOMEM);
	pgpu->nr_types = mvgpu_types_derive(caps, pgpu->types);
	if (!pgpu->nr_types) {
		dev_err(dev, "mvgpu: graphics memory too small for any vGPU type\n");
		kfree(pgpu);
		return ERR_PTR(-EINVAL);
	}
	pgpu->dev = dev;
	pgpu->caps = *caps;
	pgpu->ops = ops;
	pgpu->priv = priv;
	mutex_init(&pgpu->lock);
	ida_init(&pgpu->vgpu_ida);
	INIT_LIST_HEAD(&pgpu->vgpus);
	init_waitqueue_head(&pgpu->open_wq);
	refcount_set(&pgpu->users, 1);
	init_completion(&pgpu->unused);

	ret = init_scratch(pgpu);
	if (ret)
		goto err_free;
	ret = init_gm(pgpu);
	if (ret)
		goto err_scratch;
	ret = mvgpu_sched_init(pgpu);
	if (ret)
		goto err_scratch;
	mvgpu_debugfs_pgpu_init(pgpu);
	ret = fe->pgpu_add(pgpu);
	if (ret)
		goto err_debugfs;
	dev_info(dev, "mvgpu: physical GPU registered: GGTT %llu MiB, aperture %llu MiB, engines %#x, %u vGPU types\n",
		 caps->ggtt_size >> 20, caps->aperture_size >> 20,
		 caps->engine_mask, pgpu->nr_types);
	return pgpu;

err_debugfs:
	mvgpu_debugfs_pgpu_fini(pgpu);
	mvgpu_sched_fini(pgpu);
err_scratch:
	fini_scratch(pgpu);
err_free:
	ida_destroy(&pgpu->vgpu_ida);
	mutex_destroy(&pgpu->lock);
	kfree(pgpu);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(mvgpu_pgpu_register, MVGPU);

/**
 * mvgpu_pgpu_remove_begin() - ask the users of a pGPU's vGPUs to let go
 * @pgpu: physical GPU about to be removed
 * @timeout_ms: how long to wait for them
 *
 * From now on no vGPU is created on @pgpu or opened (-ENODEV).  Each user
 * holding a vGPU open is asked to release it through its request eventfd
 * (VFIO's request IRQ: QEMU hot-unplugs the device), and the call waits,
 * at most @timeout_ms, until none is open; mvgpu_pgpu_unregister() then
 * waits for no user.  A backend that may refuse its removal (the software
 * GPU's del_device) calls mvgpu_pgpu_remove_cancel() on -EBUSY; one that
 * cannot (a driver's remove callback) unregisters anyway, and
 * the removal then waits for the users as long as they keep the devices.
 *
 * Context: process context; sleeps.  No lock held.
 * Return: 0 when no vGPU is open, or -EBUSY, with the vGPUs still open
 * named in the log.
 */
int mvgpu_pgpu_remove_begin(struct mvgpu_pgpu *pgpu, unsigned int timeout_ms)
{
	struct mvgpu_vgpu *vgpu;

	mutex_lock(&pgpu->lock);
	pgpu->removing = true;
	list_for_each_entry(vgpu, &pgpu->vgpus, node) {
		if (!vgpu->open)
			continue;
		if (mvgpu_irq_request_release(vgpu))
			mvgpu_vgpu_info(vgpu, "requesting release from its user: the GPU is being removed\n");
		else
			mvgpu_vgpu_warn(vgpu, "open with no request eventfd: its user is not asked to release it\n");
	}
	mutex_unlock(&pgpu->lock);

	if (wait_event_timeout(pgpu->open_wq, !READ_ONCE(pgpu->nr_open),
			       msecs_to_jiffies(timeout_ms)))
		return 0;

	mutex_lock(&pgpu->lock);
	list_for_each_entry(vgpu, &pgpu->vgpus, node)
		if (vgpu->open)
			mvgpu_vgpu_warn(vgpu, "still open after %u ms: the GPU's removal is refused\n",
					timeout_ms);
	mutex_unlock(&pgpu->lock);
	return -EBUSY;
}
EXPORT_SYMBOL_NS_GPL(mvgpu_pgpu_remove_begin, MVGPU);

/**
 * mvgpu_pgpu_remove_cancel() - the pGPU stays: vGPUs may be created again
 * @pgpu: physical GPU given to a failed mvgpu_pgpu_remove_begin()
 */
void mvgpu_pgpu_remove_cancel(struct mvgpu_pgpu *pgpu)
{
	mutex_lock(&pgpu->lock);
	pgpu->removing = false;
	mutex_unlock(&pgpu->lock);
}
EXPORT_SYMBOL_NS_GPL(mvgpu_pgpu_remove_cancel, MVGPU);

/**
 * mvgpu_pgpu_unregister() - withdraw a physical GPU
 * @pgpu: value returned by mvgpu_pgpu_register()
 *
 * Removes every vGPU on it first; this waits for userspace to release vGPUs
 * that are open (their request eventfd is signalled), with no bound: call
 * mvgpu_pgpu_remove_begin() first for a bounded wait.
 */
void mvgpu_pgpu_unregister(struct mvgpu_pgpu *pgpu)
{
	mvgpu_core_frontend()->pgpu_remove(pgpu);
	/* A vGPU's release can trail its removal by a reference. */
	mvgpu_pgpu_put(pgpu);
	wait_for_completion(&pgpu->unused);
	WARN_ON(!list_empty(&pgpu->vgpus));
	mvgpu_debugfs_pgpu_fini(pgpu);
	mvgpu_sched_fini(pgpu);
	fini_scratch(pgpu);
	ida_destroy(&pgpu->vgpu_ida);
	mutex_destroy(&pgpu->lock);
	kfree(pgpu);
}
EXPORT_SYMBOL_NS_GPL(mvgpu_pgpu_unregister, MVGPU);

/**
 * mvgpu_pgpu_available() - how many more vGPUs of a type fit right now
 * @pgpu: physical GPU
 * @type: vGPU type
 *
 * Exact: it is the number of creations of @type that would succeed in a
 * row, given the first-fit partitioning of both graphics memory spaces.
 *
 * Return: the count.
 */
unsigned int mvgpu_pgpu_available(struct mvgpu_pgpu *pgpu,
				  const struct mvgpu_type_desc *type)
{
	unsigned int n;

	mutex_lock(&pgpu->lock);
	n = min(mvgpu_gm_space_fit(&pgpu->gm.aperture, type->aperture_size),
		mvgpu_gm_space_fit(&pgpu->gm.hidden, type->hidden_size));
	mutex_unlock(&pgpu->lock);
	return n;
}
