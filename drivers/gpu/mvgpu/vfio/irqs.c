// SPDX-License-Identifier: GPL-2.0-only
/*
 * VFIO interrupt plumbing: INTx (maskable, automasked), one MSI vector, the
 * device request IRQ and the error IRQ (failsafe mode), each backed by an
 * eventfd.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/eventfd.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

static u32 vfio_irq_count(unsigned int index)
{
	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
	case VFIO_PCI_MSI_IRQ_INDEX:
	case VFIO_PCI_ERR_IRQ_INDEX:
	case VFIO_PCI_REQ_IRQ_INDEX:
		return 1;
	default:
		return 0;
	}
}

static u32 vfio_irq_flags(unsigned int index)
{
	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		return VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_MASKABLE |
		       VFIO_IRQ_INFO_AUTOMASKED;
	case VFIO_PCI_MSI_IRQ_INDEX:
		return VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE;
	case VFIO_PCI_ERR_IRQ_INDEX:
	case VFIO_PCI_REQ_IRQ_INDEX:
		return VFIO_IRQ_INFO_EVENTFD;
	default:
		return 0;
	}
}

/**
 * mvgpu_vfio_irq_info() - VFIO_DEVICE_GET_IRQ_INFO
 * @vgpu: the vGPU
 * @arg: user pointer to struct vfio_irq_info
 *
 * Return: 0, -EFAULT, or -EINVAL for a short argsz or an unknown index.
 */
long mvgpu_vfio_irq_info(struct mvgpu_vgpu *vgpu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_info, count);
	struct vfio_irq_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_IRQS)
		return -EINVAL;
	info.flags = vfio_irq_flags(info.index);
	info.count = vfio_irq_count(info.index);
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

/* Install (fd >= 0) or drop (fd == -1) the eventfd of @trigger. */
static int set_eventfd(struct mvgpu_vgpu *vgpu, struct eventfd_ctx **trigger,
		       s32 fd)
{
	struct eventfd_ctx *ctx = NULL;

	if (fd < -1)
		return -EINVAL;
	if (fd >= 0) {
		ctx = eventfd_ctx_fdget(fd);
		if (IS_ERR(ctx))
			return PTR_ERR(ctx);
	}
	mvgpu_irq_set_trigger(vgpu, trigger, ctx);
	return 0;
}

static struct eventfd_ctx **trigger_of(struct mvgpu_vgpu *vgpu,
				       unsigned int index)
{
	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		return &vgpu->irq.intx_trigger;
	case VFIO_PCI_MSI_IRQ_INDEX:
		return &vgpu->irq.msi_trigger;
	case VFIO_PCI_ERR_IRQ_INDEX:
		return &vgpu->irq.err_trigger;
	default:
		return &vgpu->irq.req_trigger;
	}
}

/*
 * TRIGGER with one element: install or drop the eventfd (DATA_EVENTFD), or
 * fire it as the device would (loopback: DATA_NONE, or DATA_BOOL true).
 */
static int set_trigger(struct mvgpu_vgpu *vgpu, struct vfio_irq_set *hdr,
		       const void *data)
{
	struct eventfd_ctx **trigger = trigger_of(vgpu, hdr->index);
	u32 type = hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK;
	int ret;

	if (type == VFIO_IRQ_SET_DATA_EVENTFD) {
		ret = set_eventfd(vgpu, trigger, *(const s32 *)data);
		/* A new MSI or INTx user starts from a quiet line. */
		if (!ret && (hdr->index == VFIO_PCI_INTX_IRQ_INDEX ||
			     hdr->index == VFIO_PCI_MSI_IRQ_INDEX)) {
			vgpu->irq.asserted = false;
			vgpu->irq.intx_masked = false;
			mvgpu_irq_update(vgpu);
		}
		return ret;
	}
	if (*trigger && (type == VFIO_IRQ_SET_DATA_NONE || *(const u8 *)data))
		eventfd_signal(*trigger);
	return 0;
}

/* MASK or UNMASK of INTx with one element. */
static int set_intx_mask(struct mvgpu_vgpu *vgpu, struct vfio_irq_set *hdr,
			 const void *data)
{
	u32 type = hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK;

	/* Resampling eventfds (DATA_EVENTFD) need an irqfd: not offered. */
	if (type == VFIO_IRQ_SET_DATA_EVENTFD)
		return -ENOTTY;
	if (type == VFIO_IRQ_SET_DATA_BOOL && !*(const u8 *)data)
		return 0;
	if (hdr->flags & VFIO_IRQ_SET_ACTION_MASK)
		vgpu->irq.intx_masked = true;
	else
		mvgpu_irq_intx_unmask(vgpu);
	return 0;
}

/*
 * Apply a validated request.  @data holds hdr->count elements of the
 * request's data type; with count 0 there is none, and the only request
 * (as in vfio-pci) is TRIGGER with DATA_NONE: disable the interrupt.
 */
static int set_irqs_locked(struct mvgpu_vgpu *vgpu, struct vfio_irq_set *hdr,
			   const void *data)
{
	u32 action = hdr->flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
	u32 type = hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK;

	lockdep_assert_held(&vgpu->lock);
	if (!hdr->count) {
		if (action != VFIO_IRQ_SET_ACTION_TRIGGER ||
		    type != VFIO_IRQ_SET_DATA_NONE)
			return -EINVAL;
		return set_eventfd(vgpu, trigger_of(vgpu, hdr->index), -1);
	}
	if (type != VFIO_IRQ_SET_DATA_NONE && !data)
		return -EINVAL;
	if (action == VFIO_IRQ_SET_ACTION_TRIGGER)
		return set_trigger(vgpu, hdr, data);
	if (hdr->index == VFIO_PCI_INTX_IRQ_INDEX)
		return set_intx_mask(vgpu, hdr, data);
	return -EINVAL;
}

/**
 * mvgpu_vfio_set_irqs() - VFIO_DEVICE_SET_IRQS
 * @vgpu: the vGPU
 * @arg: user pointer to struct vfio_irq_set and its data
 *
 * INTx takes TRIGGER, MASK and UNMASK; MSI, ERR and REQ take TRIGGER only.
 * Every index has one interrupt.  A request with count 0 carries no data:
 * TRIGGER with DATA_NONE disables the interrupt (drops its eventfd), any
 * other count-0 request is -EINVAL, as in vfio-pci.
 *
 * Return: 0, -EFAULT, -EINVAL for a malformed request, a count-0 request
 * other than disable, or an action the index does not support, -ENOTTY
 * for INTx resampling, or the eventfd lookup's error (-EBADF, -EINVAL).
 */
long mvgpu_vfio_set_irqs(struct mvgpu_vgpu *vgpu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_set, count);
	struct vfio_irq_set hdr;
	size_t data_size = 0;
	void *data = NULL;
	u32 action;
	int ret;

	if (copy_from_user(&hdr, (void __user *)arg, minsz))
		return -EFAULT;
	ret = vfio_set_irqs_validate_and_prepare(&hdr, vfio_irq_count(hdr.index),
						 VFIO_PCI_NUM_IRQS, &data_size);
	if (ret)
		return ret;
	if (data_size) {
		data = memdup_user((void __user *)(arg + minsz), data_size);
		if (IS_ERR(data))
			return PTR_ERR(data);
	}

	action = hdr.flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
	if (hweight32(action) != 1) {
		kfree(data);
		return -EINVAL;
	}
	mutex_lock(&vgpu->lock);
	ret = set_irqs_locked(vgpu, &hdr, data);
	mvgpu_vgpu_unlock(vgpu);
	kfree(data);
	return ret;
}
