// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: GEM objects.
 *
 * Objects are drm_gem_shmem objects: guest RAM, mapped by CPUs through
 * mmap and vmap.  Each file that gets a handle to one gets a range for it
 * in its own address space (the .open hook maps it, .close unmaps it), so
 * a batch can name it only through a file that has it.  Scanout and the
 * rings also bind objects into the vGPU's graphics memory (mvgpu_gm.c).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/dma-resv.h>

#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_print.h>
#include <drm/drm_utils.h>
#include <kunit/visibility.h>

#include <drm/mvgpu_drm.h>

#include "mvgpu_drv.h"

static void mvgpu_gem_free(struct drm_gem_object *obj)
{
	struct mvgpu_bo *bo = to_mvgpu_bo(obj);

	mvgpu_drm_gm_release(to_mvgpu(obj->dev), &bo->base);
	drm_WARN_ON(obj->dev, !list_empty(&bo->vmas));
	mutex_destroy(&bo->vmas_lock);
	drm_gem_shmem_free(&bo->base);
}

/* A handle in @file: the object gets a range in the file's address space. */
static int mvgpu_gem_open(struct drm_gem_object *obj, struct drm_file *file)
{
	struct mvgpu_file *mfile = file->driver_priv;
	struct mvgpu_bo *bo = to_mvgpu_bo(obj);
	struct mvgpu_vma *vma;
	struct sg_table *sgt;
	int ret;

	vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	sgt = drm_gem_shmem_get_pages_sgt(&bo->base);
	if (IS_ERR(sgt)) {
		ret = PTR_ERR(sgt);
		goto err_free;
	}
	ret = mvgpu_drm_vm_map(mfile->vm, sgt, obj->size, vma);
	if (ret)
		goto err_free;
	mutex_lock(&bo->vmas_lock);
	list_add_tail(&vma->link, &bo->vmas);
	mutex_unlock(&bo->vmas_lock);
	return 0;

err_free:
	kfree(vma);
	return ret;
}

static void mvgpu_gem_close(struct drm_gem_object *obj, struct drm_file *file)
{
	struct mvgpu_file *mfile = file->driver_priv;
	struct mvgpu_bo *bo = to_mvgpu_bo(obj);
	struct mvgpu_vma *vma, *found = NULL;

	mutex_lock(&bo->vmas_lock);
	list_for_each_entry(vma, &bo->vmas, link) {
		if (vma->vm == mfile->vm) {
			list_del(&vma->link);
			found = vma;
			break;
		}
	}
	mutex_unlock(&bo->vmas_lock);
	if (found) {
		mvgpu_drm_vm_unmap(found);
		kfree(found);
	}
}

static const struct drm_gem_object_funcs mvgpu_gem_funcs = {
	.free = mvgpu_gem_free,
	.open = mvgpu_gem_open,
	.close = mvgpu_gem_close,
	.print_info = drm_gem_shmem_object_print_info,
	.pin = drm_gem_shmem_object_pin,
	.unpin = drm_gem_shmem_object_unpin,
	.get_sg_table = drm_gem_shmem_object_get_sg_table,
	.vmap = drm_gem_shmem_object_vmap,
	.vunmap = drm_gem_shmem_object_vunmap,
	.mmap = drm_gem_shmem_object_mmap,
	.vm_ops = &drm_gem_shmem_vm_ops,
};

/**
 * mvgpu_drm_gem_create_object - the drm_driver hook allocating our objects
 * @drm: the device
 * @size: the object's size
 *
 * Return: the object's GEM part, or ERR_PTR(-ENOMEM).
 */
struct drm_gem_object *mvgpu_drm_gem_create_object(struct drm_device *drm,
						   size_t size)
{
	struct mvgpu_bo *bo;

	bo = kzalloc(sizeof(*bo), GFP_KERNEL);
	if (!bo)
		return ERR_PTR(-ENOMEM);
	bo->base.base.funcs = &mvgpu_gem_funcs;
	bo->base.map_wc = false;
	INIT_LIST_HEAD(&bo->gm.lru);
	mutex_init(&bo->vmas_lock);
	INIT_LIST_HEAD(&bo->vmas);
	return &bo->base.base;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_gem_create_object);

/**
 * mvgpu_drm_bo_create_kernel - an object the driver itself uses (rings)
 * @mdev: the device
 * @size: bytes
 *
 * Return: the object, or an ERR_PTR().
 */
struct mvgpu_bo *mvgpu_drm_bo_create_kernel(struct mvgpu_device *mdev, size_t size)
{
	struct drm_gem_shmem_object *shmem;

	shmem = drm_gem_shmem_create(&mdev->drm, size);
	if (IS_ERR(shmem))
		return ERR_CAST(shmem);
	return container_of(shmem, struct mvgpu_bo, base);
}

/**
 * mvgpu_drm_bo_va - an object's address in an address space
 * @bo: the object
 * @vm: the space
 *
 * Return: the address, or 0 when the object is not mapped there.
 */
u64 mvgpu_drm_bo_va(struct mvgpu_bo *bo, struct mvgpu_vm *vm)
{
	struct mvgpu_vma *vma;
	u64 va = 0;

	mutex_lock(&bo->vmas_lock);
	list_for_each_entry(vma, &bo->vmas, link) {
		if (vma->vm == vm) {
			va = vma->node.start;
			break;
		}
	}
	mutex_unlock(&bo->vmas_lock);
	return va;
}

/**
 * mvgpu_drm_ioctl_gem_create - DRM_IOCTL_MVGPU_GEM_CREATE
 * @drm: the device
 * @data: struct drm_mvgpu_gem_create
 * @file: the caller
 *
 * Return: 0 or -errno.
 */
int mvgpu_drm_ioctl_gem_create(struct drm_device *drm, void *data,
			       struct drm_file *file)
{
	struct drm_mvgpu_gem_create *args = data;
	struct mvgpu_file *mfile = file->driver_priv;
	struct drm_gem_shmem_object *shmem;
	u32 handle;
	int ret;

	if (args->flags || args->pad || !args->size ||
	    args->size > MVGPU_GEM_MAX_SIZE)
		return -EINVAL;
	shmem = drm_gem_shmem_create(drm, PAGE_ALIGN(args->size));
	if (IS_ERR(shmem))
		return PTR_ERR(shmem);
	ret = drm_gem_handle_create(file, &shmem->base, &handle);
	/* The handle holds the object now, or it is freed here. */
	if (!ret)
		args->va = mvgpu_drm_bo_va(container_of(shmem, struct mvgpu_bo, base),
					   mfile->vm);
	drm_gem_object_put(&shmem->base);
	if (ret)
		return ret;
	args->handle = handle;
	return 0;
}

/**
 * mvgpu_drm_ioctl_gem_info - DRM_IOCTL_MVGPU_GEM_INFO
 * @drm: the device
 * @data: struct drm_mvgpu_gem_info
 * @file: the caller
 *
 * Return: 0, -EINVAL, -ENOENT for a bad handle, or another -errno.
 */
int mvgpu_drm_ioctl_gem_info(struct drm_device *drm, void *data,
			     struct drm_file *file)
{
	struct drm_mvgpu_gem_info *args = data;
	struct mvgpu_file *mfile = file->driver_priv;
	struct drm_gem_object *obj;
	int ret;

	if (args->pad)
		return -EINVAL;
	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj)
		return -ENOENT;
	ret = drm_gem_create_mmap_offset(obj);
	if (!ret) {
		args->mmap_offset = drm_vma_node_offset_addr(&obj->vma_node);
		args->va = mvgpu_drm_bo_va(to_mvgpu_bo(obj), mfile->vm);
		args->size = obj->size;
	}
	drm_gem_object_put(obj);
	return ret;
}

/**
 * mvgpu_drm_ioctl_gem_wait - DRM_IOCTL_MVGPU_GEM_WAIT
 * @drm: the device
 * @data: struct drm_mvgpu_gem_wait
 * @file: the caller
 *
 * Return: 0 when no job uses the object, -ETIMEDOUT, -EIO when the last
 * job writing it failed, or another -errno.
 */
int mvgpu_drm_ioctl_gem_wait(struct drm_device *drm, void *data,
			     struct drm_file *file)
{
	struct drm_mvgpu_gem_wait *args = data;
	unsigned long timeout = drm_timeout_abs_to_jiffies(args->timeout_ns);
	struct dma_resv_iter cursor;
	struct drm_gem_object *obj;
	struct dma_fence *fence;
	long ret;

	if (args->flags)
		return -EINVAL;
	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj)
		return -ENOENT;
	ret = dma_resv_wait_timeout(obj->resv, DMA_RESV_USAGE_READ, true,
				    timeout);
	if (!ret)
		ret = timeout ? -ETIMEDOUT : -EBUSY;
	if (ret > 0) {
		/* The locked walk sees signalled fences too: their errors. */
		ret = dma_resv_lock_interruptible(obj->resv, NULL);
		if (!ret) {
			dma_resv_for_each_fence(&cursor, obj->resv,
						DMA_RESV_USAGE_WRITE, fence)
				if (dma_fence_get_status(fence) < 0)
					ret = -EIO;
			dma_resv_unlock(obj->resv);
		}
	}
	drm_gem_object_put(obj);
	return ret;
}
