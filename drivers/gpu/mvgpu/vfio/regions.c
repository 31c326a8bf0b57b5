// SPDX-License-Identifier: GPL-2.0-only
/*
 * VFIO regions of a vGPU: config space, BAR0 (registers + GTT), BAR2
 * (aperture).  Every other PCI region exists with size 0, as QEMU expects.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

static u64 region_size(struct mvgpu_vgpu *vgpu, unsigned int index)
{
	switch (index) {
	case VFIO_PCI_CONFIG_REGION_INDEX:
		return MVGPU_CFG_SIZE;
	case VFIO_PCI_BAR0_REGION_INDEX:
		return MVGPU_BAR0_SIZE;
	case VFIO_PCI_BAR2_REGION_INDEX:
		return vgpu->pgpu->caps.aperture_size;
	default:
		return 0;
	}
}

/**
 * mvgpu_vfio_region_info() - VFIO_DEVICE_GET_REGION_INFO
 * @vgpu: the vGPU
 * @arg: user pointer to struct vfio_region_info
 *
 * Return: 0, -EFAULT, or -EINVAL for a short argsz or an unknown index.
 */
long mvgpu_vfio_region_info(struct mvgpu_vgpu *vgpu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_info_cap caps = { .buf = NULL, .size = 0 };
	struct vfio_region_info info;
	int ret;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= MVGPU_VFIO_NUM_REGIONS)
		return -EINVAL;

	info.offset = MVGPU_VFIO_INDEX_TO_OFFSET(info.index);
	info.size = region_size(vgpu, info.index);
	info.flags = 0;
	info.cap_offset = 0;
	if (info.size)
		info.flags = VFIO_REGION_INFO_FLAG_READ |
			     VFIO_REGION_INFO_FLAG_WRITE;
	if (info.index >= VFIO_PCI_NUM_REGIONS) {
		ret = mvgpu_vfio_display_region_info(vgpu, &info, &caps);
		if (ret) {
			kfree(caps.buf);
			return ret;
		}
	} else if (info.index == VFIO_PCI_BAR2_REGION_INDEX) {
		ret = mvgpu_vfio_aperture_caps(vgpu, &caps);
		if (ret)
			return ret;
		info.flags |= VFIO_REGION_INFO_FLAG_MMAP |
			      VFIO_REGION_INFO_FLAG_CAPS;
	}
	if (caps.size) {
		if (info.argsz < sizeof(info) + caps.size) {
			info.argsz = sizeof(info) + caps.size;
		} else {
			vfio_info_cap_shift(&caps, sizeof(info));
			if (copy_to_user((void __user *)arg + sizeof(info),
					 caps.buf, caps.size)) {
				kfree(caps.buf);
				return -EFAULT;
			}
			info.cap_offset = sizeof(info);
		}
		kfree(caps.buf);
	}
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

static int cfg_rw(struct mvgpu_vgpu *vgpu, u64 pos, void *val,
		  unsigned int len, bool write)
{
	int ret;

	mutex_lock(&vgpu->lock);
	if (write)
		ret = mvgpu_cfg_write(&vgpu->cfg, pos, val, len);
	else
		ret = mvgpu_cfg_read(&vgpu->cfg, pos, val, len);
	mutex_unlock(&vgpu->lock);
	return ret;
}

static int bar0_rw(struct mvgpu_vgpu *vgpu, u64 pos, void *val,
		   unsigned int len, bool write)
{
	if (write)
		return mvgpu_mmio_write(vgpu, pos, val, len);
	return mvgpu_mmio_read(vgpu, pos, val, len);
}

static bool single_access(u64 pos, size_t count)
{
	return (count == 1 || count == 2 || count == 4 || count == 8) &&
	       IS_ALIGNED(pos, count);
}

/* Largest naturally aligned access at @pos that fits in @count. */
static unsigned int chunk_size(u64 pos, size_t count)
{
	unsigned int len;

	for (len = 8; len > 1; len >>= 1)
		if (count >= len && IS_ALIGNED(pos, len))
			break;
	return len;
}

/**
 * mvgpu_vfio_rw() - read(2)/write(2) on the device fd
 * @vgpu: the vGPU
 * @buf: user buffer
 * @count: bytes
 * @ppos: file position: region index << 40 | offset
 * @write: direction
 *
 * Config space accepts any size and alignment.  BAR0 and BAR2 take one
 * device access per call: 1, 2, 4 or 8 naturally aligned bytes, as a CPU
 * would issue them (BAR0 adds its own rules, see core/mmio.c).
 *
 * Every access must lie inside its region (checked in 64 bits, so an
 * offset past 4 GiB never aliases a smaller one).
 *
 * Return: bytes transferred, or a negative errno for the first piece
 * that failed (-EINVAL for a region without accessible contents, an
 * access that leaves the region or that the region's rules reject,
 * -EFAULT for a bad buffer).
 */
ssize_t mvgpu_vfio_rw(struct mvgpu_vgpu *vgpu, char __user *buf,
		      size_t count, loff_t *ppos, bool write)
{
	unsigned int index = *ppos >> MVGPU_VFIO_OFFSET_SHIFT;
	u64 pos = *ppos & MVGPU_VFIO_OFFSET_MASK;
	size_t done = 0;
	ssize_t ret;
	u64 size;
	int (*rw)(struct mvgpu_vgpu *vgpu, u64 pos, void *val,
		  unsigned int len, bool write);

	switch (index) {
	case VFIO_PCI_CONFIG_REGION_INDEX:
		rw = cfg_rw;
		break;
	case VFIO_PCI_BAR0_REGION_INDEX:
		rw = bar0_rw;
		break;
	case VFIO_PCI_BAR2_REGION_INDEX:
		rw = mvgpu_vfio_aperture_rw;
		break;
	default:
		if (index < VFIO_PCI_NUM_REGIONS ||
		    index >= MVGPU_VFIO_NUM_REGIONS)
			return -EINVAL;
		ret = mvgpu_vfio_display_rw(vgpu, index, buf, count, pos,
					    write);
		if (ret > 0)
			*ppos += ret;
		return ret;
	}
	/*
	 * Bounds first, in 64 bits: the accessors take narrower offsets
	 * (config space a u32), which must not wrap into the region.
	 */
	size = region_size(vgpu, index);
	if (pos >= size || count > size - pos)
		return -EINVAL;
	if (index != VFIO_PCI_CONFIG_REGION_INDEX && !single_access(pos, count))
		return -EINVAL;

	while (done < count) {
		unsigned int len = chunk_size(pos, count - done);
		u8 val[8];

		if (write && copy_from_user(val, buf + done, len))
			return -EFAULT;
		ret = rw(vgpu, pos, val, len, write);
		if (ret)
			return ret;
		if (!write && copy_to_user(buf + done, val, len))
			return -EFAULT;
		done += len;
		pos += len;
	}
	*ppos += done;
	return done;
}
