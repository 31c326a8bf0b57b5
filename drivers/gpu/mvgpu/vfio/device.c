// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio_device_ops of a vGPU.  Hypervisor-agnostic: nothing here needs KVM;
 * the guest reaches the device through whatever VFIO user attaches it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/uaccess.h>
#include <linux/eventfd.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

/* What the core asks of the front end for each vGPU. */
static const struct mvgpu_vgpu_ops mvgpu_vfio_vgpu_ops = {
	.pin = &mvgpu_vfio_pin_ops,
	.zap_aperture = mvgpu_vfio_zap_aperture,
	.dirty = mvgpu_vfio_dirty_mark,
};

static int mvgpu_vfio_init(struct vfio_device *vdev)
{
	struct mdev_device *mdev = to_mdev_device(vdev->dev);
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);

	int ret;

	ret = mvgpu_vgpu_init(vgpu, mtype_to_pgpu(mdev->type),
			      mtype_to_type(mdev->type)->desc, &mdev->dev,
			      &mvgpu_vfio_vgpu_ops, vgpu);
	if (ret)
		return ret;
	mvgpu_vfio_display_init(vgpu);
	mvgpu_vfio_mig_init(vdev);
	mvgpu_vfio_dirty_init(vdev);
	return 0;
}

static void mvgpu_vfio_release(struct vfio_device *vdev)
{
	mvgpu_vfio_display_fini(vdev_to_vgpu(vdev));
	mvgpu_vgpu_fini(vdev_to_vgpu(vdev));
	mvgpu_vfio_dirty_fini(vdev);
	mvgpu_vfio_mig_fini(vdev);
}

static int mvgpu_vfio_open_device(struct vfio_device *vdev)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);
	int ret;

	ret = mvgpu_vgpu_open(vgpu);
	if (ret)
		return ret;
	mvgpu_vfio_display_open(vgpu);
	mvgpu_vgpu_dbg(vgpu, "opened\n");
	return 0;
}

static void mvgpu_vfio_close_device(struct vfio_device *vdev)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);

	mvgpu_vfio_mig_close(vdev);
	mvgpu_vgpu_close(vgpu);
	mvgpu_vfio_dirty_close(vdev);
	mvgpu_vfio_display_close(vgpu);
	mvgpu_vgpu_dbg(vgpu, "closed\n");
}

static ssize_t mvgpu_vfio_read(struct vfio_device *vdev, char __user *buf,
			       size_t count, loff_t *ppos)
{
	return mvgpu_vfio_rw(vdev_to_vgpu(vdev), buf, count, ppos, false);
}

static ssize_t mvgpu_vfio_write(struct vfio_device *vdev,
				const char __user *buf, size_t count,
				loff_t *ppos)
{
	return mvgpu_vfio_rw(vdev_to_vgpu(vdev), (char __user *)buf, count,
			     ppos, true);
}

static long get_device_info(unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_info, num_irqs);
	struct vfio_device_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;
	info.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET;
	info.num_regions = MVGPU_VFIO_NUM_REGIONS;
	info.num_irqs = VFIO_PCI_NUM_IRQS;
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

static long mvgpu_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd,
			     unsigned long arg)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO:
		return get_device_info(arg);
	case VFIO_DEVICE_GET_REGION_INFO:
		return mvgpu_vfio_region_info(vgpu, arg);
	case VFIO_DEVICE_GET_IRQ_INFO:
		return mvgpu_vfio_irq_info(vgpu, arg);
	case VFIO_DEVICE_SET_IRQS:
		return mvgpu_vfio_set_irqs(vgpu, arg);
	case VFIO_DEVICE_RESET:
		mvgpu_vfio_mig_reset(vdev);
		mvgpu_vgpu_reset(vgpu);
		mvgpu_vfio_dmabuf_forget(vgpu);
		return 0;
	case VFIO_DEVICE_QUERY_GFX_PLANE:
		return mvgpu_vfio_query_plane(vgpu, arg);
	case VFIO_DEVICE_GET_GFX_DMABUF:
		return mvgpu_vfio_get_dmabuf(vgpu, arg);
	default:
		return -ENOTTY;
	}
}

/*
 * The vGPU is being removed while a user holds it: ask the user to let go
 * (QEMU hot-unplugs the device on this eventfd).  Called again every few
 * seconds until the user closes the device.
 */
static void mvgpu_vfio_request(struct vfio_device *vdev, unsigned int count)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);

	if (mvgpu_irq_request_release(vgpu)) {
		if (!count)
			mvgpu_vgpu_info(vgpu, "requesting release from its user\n");
	} else if (!count) {
		mvgpu_vgpu_warn(vgpu, "removal waits for its user to close it (no request eventfd)\n");
	}
}

const struct vfio_device_ops mvgpu_vfio_ops = {
	.name = "mvgpu",
	.init = mvgpu_vfio_init,
	.release = mvgpu_vfio_release,
	.open_device = mvgpu_vfio_open_device,
	.close_device = mvgpu_vfio_close_device,
	.read = mvgpu_vfio_read,
	.write = mvgpu_vfio_write,
	.ioctl = mvgpu_vfio_ioctl,
	.request = mvgpu_vfio_request,
	.mmap = mvgpu_vfio_mmap,
	.dma_unmap = mvgpu_vfio_dma_unmap,
	.bind_iommufd = vfio_iommufd_emulated_bind,
	.unbind_iommufd = vfio_iommufd_emulated_unbind,
	.attach_ioas = vfio_iommufd_emulated_attach_ioas,
	.detach_ioas = vfio_iommufd_emulated_detach_ioas,
};
