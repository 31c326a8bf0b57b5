/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VFIO front end: region and IRQ handling behind vfio_device_ops.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_VFIO_H_
#define _MVGPU_VFIO_H_

#include <linux/types.h>

struct mvgpu_vgpu;
struct vfio_device;
struct vfio_info_cap;
struct vm_area_struct;

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

int mvgpu_pgpu_sysfs_init(struct mvgpu_pgpu *pgpu);
void mvgpu_pgpu_sysfs_fini(struct mvgpu_pgpu *pgpu);
long mvgpu_vfio_irq_info(struct mvgpu_vgpu *vgpu, unsigned long arg);
long mvgpu_vfio_set_irqs(struct mvgpu_vgpu *vgpu, unsigned long arg);
void mvgpu_vfio_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length);

#endif /* _MVGPU_VFIO_H_ */
