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
#include "vfio/dirty.h"

struct vm_area_struct;

/**
 * enum mvgpu_vfio_display_mode - how the VMM gets the vGPU's display
 * @MVGPU_DISPLAY_NONE: it does not (no plane query, no EDID region)
 * @MVGPU_DISPLAY_REGION: plane regions refreshed at each query
 * @MVGPU_DISPLAY_DMABUF: dma-bufs of the guest's framebuffers
 */
enum mvgpu_vfio_display_mode {
	MVGPU_DISPLAY_NONE,
	MVGPU_DISPLAY_REGION,
	MVGPU_DISPLAY_DMABUF,
};

/**
 * struct mvgpu_vfio_display - the display as VFIO presents it
 * @lock: protects the fields below; taken before the vGPU lock, never
 *	around a user copy
 * @mode: enum mvgpu_vfio_display_mode, set while the device is closed
 * @open: the device is open
 * @buf: per plane, the region's buffer (vmalloc_user()), or NULL
 * @edid_size: the EDID region's edid_size
 * @link_state: the EDID region's link_state
 * @edid: the EDID region's blob
 * @fbs: dma-buf mode: the framebuffers queries named (struct mvgpu_fb),
 *	least recently named first
 * @next_fb_id: the last framebuffer id given
 */
struct mvgpu_vfio_display {
	struct mutex lock;	/* protects the fields below */
	unsigned int mode;
	bool open;
	void *buf[MVGPU_NUM_PLANES];
	u32 edid_size;
	u32 link_state;
	u8 edid[MVGPU_EDID_MAX_SIZE];
	struct list_head fbs;
	u32 next_fb_id;
};

struct mvgpu_vfio_mig_file;

/**
 * struct mvgpu_vfio_mig - the vGPU's VFIO migration state (vfio/migration.c)
 * @state_mutex: protects the fields below; taken before a data file's
 *	lock and before the vGPU lock
 * @state: enum vfio_device_mig_state
 * @stopped: migration holds a mvgpu_vgpu_stop() of the vGPU (every state
 *	but RUNNING and PRE_COPY)
 * @saving: the data file of the saving session, or NULL
 * @resuming: the data file of the resuming session, or NULL
 */
struct mvgpu_vfio_mig {
	struct mutex state_mutex;	/* protects the fields below */
	enum vfio_device_mig_state state;
	bool stopped;
	struct mvgpu_vfio_mig_file *saving;
	struct mvgpu_vfio_mig_file *resuming;
};

/**
 * struct mvgpu_vfio_vgpu - a vGPU as a VFIO device
 * @vdev: VFIO device; must be first (vfio_alloc_device())
 * @vgpu: the core's vGPU
 * @display: its display's VFIO side
 * @mig: its migration state
 * @dirty: its dirty page log and pinned frames (vfio/dirty.c)
 */
struct mvgpu_vfio_vgpu {
	struct vfio_device vdev;
	struct mvgpu_vgpu vgpu;
	struct mvgpu_vfio_display display;
	struct mvgpu_vfio_mig mig;
	struct mvgpu_vfio_dirty dirty;
};

static inline struct mvgpu_vgpu *vdev_to_vgpu(struct vfio_device *vdev)
{
	return &container_of(vdev, struct mvgpu_vfio_vgpu, vdev)->vgpu;
}

static inline struct mvgpu_vfio_display *display_of(struct mvgpu_vgpu *vgpu)
{
	return &container_of(vgpu, struct mvgpu_vfio_vgpu, vgpu)->display;
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

void mvgpu_vfio_display_init(struct mvgpu_vgpu *vgpu);
void mvgpu_vfio_display_fini(struct mvgpu_vgpu *vgpu);
void mvgpu_vfio_display_open(struct mvgpu_vgpu *vgpu);
void mvgpu_vfio_display_close(struct mvgpu_vgpu *vgpu);
ssize_t mvgpu_vfio_display_mode_show(struct mvgpu_vgpu *vgpu, char *buf);
int mvgpu_vfio_display_mode_store(struct mvgpu_vgpu *vgpu, const char *buf);
int mvgpu_vfio_display_region_info(struct mvgpu_vgpu *vgpu,
				   struct vfio_region_info *info,
				   struct vfio_info_cap *caps);
ssize_t mvgpu_vfio_edid_rw(struct mvgpu_vgpu *vgpu, char __user *buf,
			   size_t count, u64 pos, bool write);
ssize_t mvgpu_vfio_display_rw(struct mvgpu_vgpu *vgpu, unsigned int index,
			      char __user *buf, size_t count, u64 pos,
			      bool write);
int mvgpu_vfio_display_mmap(struct mvgpu_vgpu *vgpu,
			    struct vm_area_struct *vma, unsigned int index,
			    u64 start);
long mvgpu_vfio_query_plane(struct mvgpu_vgpu *vgpu, unsigned long arg);
int mvgpu_vfio_dmabuf_query(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			    struct mvgpu_plane_info *info, u32 *dmabuf_id);
void mvgpu_vfio_dmabuf_forget(struct mvgpu_vgpu *vgpu);
void mvgpu_vfio_dmabuf_unmapped(struct mvgpu_vgpu *vgpu, u64 iova,
				u64 length);
long mvgpu_vfio_get_dmabuf(struct mvgpu_vgpu *vgpu, unsigned long arg);

int mvgpu_vfio_sysfs_init(struct mvgpu_vfio_parent *vp);
void mvgpu_vfio_sysfs_fini(struct mvgpu_vfio_parent *vp);
long mvgpu_vfio_irq_info(struct mvgpu_vgpu *vgpu, unsigned long arg);
long mvgpu_vfio_set_irqs(struct mvgpu_vgpu *vgpu, unsigned long arg);
void mvgpu_vfio_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length);
void mvgpu_vfio_zap_aperture(void *ctx, u64 offset, u64 len);

/* vfio/migration.c */
void mvgpu_vfio_mig_init(struct vfio_device *vdev);
void mvgpu_vfio_mig_close(struct vfio_device *vdev);
void mvgpu_vfio_mig_reset(struct vfio_device *vdev);
void mvgpu_vfio_mig_fini(struct vfio_device *vdev);

/* vfio/dirty.c */
void mvgpu_vfio_dirty_init(struct vfio_device *vdev);
void mvgpu_vfio_dirty_close(struct vfio_device *vdev);
void mvgpu_vfio_dirty_fini(struct vfio_device *vdev);
int mvgpu_vfio_dirty_pin(struct mvgpu_vgpu *vgpu, u64 gfn,
			 unsigned int npages);
void mvgpu_vfio_dirty_unpin(struct mvgpu_vgpu *vgpu, u64 gfn,
			    unsigned int npages);
void mvgpu_vfio_dirty_mark(void *ctx, u64 gfn, unsigned int npages);

extern struct mdev_driver mvgpu_mdev_driver;
extern const struct mvgpu_frontend mvgpu_vfio_frontend;
extern const struct vfio_device_ops mvgpu_vfio_ops;
extern const struct mvgpu_pin_ops mvgpu_vfio_pin_ops;

#endif /* _MVGPU_VFIO_H_ */
