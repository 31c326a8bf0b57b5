/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VFIO/mdev front end: it offers the core's physical GPUs as mdev
 * parents, each vGPU as a VFIO device, and serves the device's regions,
 * interrupts and DMA behind vfio_device_ops.  It depends on the core; the
 * core does not depend on it (struct mvgpu_frontend, mvgpu_vgpu_ops).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_VFIO_H_
#define _MVGPU_VFIO_H_

#include <linux/kobject.h>
#include <linux/mdev.h>
#include <linux/types.h>
#include <linux/vfio.h>

#include "mvgpu_drv.h"

struct vm_area_struct;

/**
 * struct mvgpu_vfio_vgpu - a vGPU as a VFIO device
 * @vdev: VFIO device; must be first (vfio_alloc_device())
 * @vgpu: the core's vGPU
 */
struct mvgpu_vfio_vgpu {
	struct vfio_device vdev;
	struct mvgpu_vgpu vgpu;
};

static inline struct mvgpu_vgpu *vdev_to_vgpu(struct vfio_device *vdev)
{
	return &container_of(vdev, struct mvgpu_vfio_vgpu, vdev)->vgpu;
}

static inline struct vfio_device *vgpu_to_vdev(struct mvgpu_vgpu *vgpu)
{
	return &container_of(vgpu, struct mvgpu_vfio_vgpu, vgpu)->vdev;
}

/**
 * struct mvgpu_vfio_type - a vGPU type offered on one physical GPU
 * @mtype: mdev core type (embedded; its parent gives the pGPU)
 * @desc: the type's sizes and limits
 */
struct mvgpu_vfio_type {
	struct mdev_type mtype;
	const struct mvgpu_type_desc *desc;
};

/**
 * struct mvgpu_vfio_parent - a physical GPU as an mdev parent
 * @parent: mdev parent (embedded)
 * @pgpu: the core's physical GPU
 * @types: the types offered on it
 * @mtypes: pointers into @types, as the mdev core wants them
 * @sysfs: its mvgpu/ directory under the parent device
 */
struct mvgpu_vfio_parent {
	struct mdev_parent parent;
	struct mvgpu_pgpu *pgpu;
	struct mvgpu_vfio_type *types;
	struct mdev_type **mtypes;
	struct kobject *sysfs;
};

static inline struct mvgpu_vfio_type *mtype_to_type(struct mdev_type *mtype)
{
	return container_of(mtype, struct mvgpu_vfio_type, mtype);
}

static inline struct mvgpu_pgpu *mtype_to_pgpu(struct mdev_type *mtype)
{
	return container_of(mtype->parent, struct mvgpu_vfio_parent,
			    parent)->pgpu;
}

/* Region offsets in the device fd: index << 40, as in vfio-pci. */
#define MVGPU_VFIO_OFFSET_SHIFT		40
#define MVGPU_VFIO_OFFSET_MASK		((1ull << MVGPU_VFIO_OFFSET_SHIFT) - 1)
#define MVGPU_VFIO_INDEX_TO_OFFSET(i)	((u64)(i) << MVGPU_VFIO_OFFSET_SHIFT)

long mvgpu_vfio_region_info(struct mvgpu_vgpu *vgpu, unsigned long arg);
ssize_t mvgpu_vfio_rw(struct mvgpu_vgpu *vgpu, char __user *buf,
		      size_t count, loff_t *ppos, bool write);

int mvgpu_vfio_aperture_caps(struct mvgpu_vgpu *vgpu,
			     struct vfio_info_cap *caps);
int mvgpu_vfio_aperture_rw(struct mvgpu_vgpu *vgpu, u64 pos, void *val,
			   unsigned int len, bool write);
int mvgpu_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma);

int mvgpu_vfio_sysfs_init(struct mvgpu_vfio_parent *vp);
void mvgpu_vfio_sysfs_fini(struct mvgpu_vfio_parent *vp);
long mvgpu_vfio_irq_info(struct mvgpu_vgpu *vgpu, unsigned long arg);
long mvgpu_vfio_set_irqs(struct mvgpu_vgpu *vgpu, unsigned long arg);
void mvgpu_vfio_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length);
void mvgpu_vfio_zap_aperture(void *ctx, u64 offset, u64 len);

extern struct mdev_driver mvgpu_mdev_driver;
extern const struct mvgpu_frontend mvgpu_vfio_frontend;
extern const struct vfio_device_ops mvgpu_vfio_ops;
extern const struct mvgpu_pin_ops mvgpu_vfio_pin_ops;

#endif /* _MVGPU_VFIO_H_ */
