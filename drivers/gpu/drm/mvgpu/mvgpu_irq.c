// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: the interrupt handler (Gen8 layout).
 *
 * The master control is turned off while the handler reads and clears
 * the banks the master register summarizes, then on again: an event that
 * latched meanwhile raises a new interrupt.  GT0 carries both engines'
 * completions and errors, the DE pipe bank vblank, flip-done and faults,
 * the DE port bank hotplug.  MSI when the platform gives it, else INTx.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/interrupt.h>
#include <linux/pci.h>

#include <drm/drm_drv.h>
#include <drm/drm_print.h>

#include "mvgpu_drv.h"

static u32 mvgpu_irq_ack(struct mvgpu_device *mdev, u32 bank)
{
	u32 iir = mvgpu_rd(mdev, MVGPU_IRQ_IIR(bank));

	if (iir)
		mvgpu_wr(mdev, MVGPU_IRQ_IIR(bank), iir);
	return iir;
}

static irqreturn_t mvgpu_irq_handler(int irq, void *arg)
{
	struct mvgpu_device *mdev = arg;
	u32 master, iir;
	unsigned int e;

	master = mvgpu_rd(mdev, MVGPU_REG_MASTER_IRQ) & ~MVGPU_MASTER_IRQ_CONTROL;
	if (!master)
		return IRQ_NONE;
	mvgpu_wr(mdev, MVGPU_REG_MASTER_IRQ, 0);

	if (master & MVGPU_MASTER_GT0_IRQ) {
		iir = mvgpu_irq_ack(mdev, MVGPU_IRQ_BANK_GT0);
		for (e = 0; e < MVGPU_NUM_ENGINES; e++)
			if (mdev->engine[e].present)
				mvgpu_drm_engine_irq(&mdev->engine[e],
						     (iir >> (16 * e)) & 0xffff);
	}
	if (master & MVGPU_MASTER_DE_PIPE_IRQ(0)) {
		iir = mvgpu_irq_ack(mdev, MVGPU_IRQ_BANK_DE_PIPE(0));
		mvgpu_drm_kms_irq_pipe(mdev, iir);
	}
	if (master & MVGPU_MASTER_DE_PORT_IRQ) {
		iir = mvgpu_irq_ack(mdev, MVGPU_IRQ_BANK_DE_PORT);
		mvgpu_drm_kms_irq_port(mdev, iir);
	}
	if (master & MVGPU_MASTER_DE_MISC_IRQ)
		mvgpu_irq_ack(mdev, MVGPU_IRQ_BANK_DE_MISC);

	mvgpu_wr(mdev, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	return IRQ_HANDLED;
}

static void mvgpu_irq_bank(struct mvgpu_device *mdev, u32 bank, u32 bits)
{
	mvgpu_wr(mdev, MVGPU_IRQ_IMR(bank), ~bits);
	mvgpu_wr(mdev, MVGPU_IRQ_IER(bank), bits);
	mvgpu_wr(mdev, MVGPU_IRQ_IIR(bank), ~0u);
}

/**
 * mvgpu_drm_irq_mask - turn interrupts of a bank on or off
 * @mdev: the device, BAR0 mapped (until remove returns)
 * @bank: MVGPU_IRQ_BANK_*
 * @bits: its bits
 * @on: unmask and enable them, or mask and disable them
 */
void mvgpu_drm_irq_mask(struct mvgpu_device *mdev, u32 bank, u32 bits, bool on)
{
	unsigned long flags;
	u32 imr, ier;

	spin_lock_irqsave(&mdev->irq_lock, flags);
	imr = mvgpu_rd(mdev, MVGPU_IRQ_IMR(bank));
	ier = mvgpu_rd(mdev, MVGPU_IRQ_IER(bank));
	if (on) {
		imr &= ~bits;
		ier |= bits;
	} else {
		imr |= bits;
		ier &= ~bits;
	}
	mvgpu_wr(mdev, MVGPU_IRQ_IMR(bank), imr);
	mvgpu_wr(mdev, MVGPU_IRQ_IER(bank), ier);
	spin_unlock_irqrestore(&mdev->irq_lock, flags);
}

/**
 * mvgpu_drm_irq_de_pipe_mask - turn display pipe interrupts on or off
 * @mdev: the device; nothing happens once it is unplugged
 * @bits: MVGPU_DE_PIPE_* bits
 * @on: unmask and enable them, or mask and disable them
 */
void mvgpu_drm_irq_de_pipe_mask(struct mvgpu_device *mdev, u32 bits, bool on)
{
	int idx;

	if (!drm_dev_enter(&mdev->drm, &idx))
		return;
	mvgpu_drm_irq_mask(mdev, MVGPU_IRQ_BANK_DE_PIPE(0), bits, on);
	drm_dev_exit(idx);
}

/**
 * mvgpu_drm_irq_init - the interrupt vector and the engines' interrupts
 * @mdev: the device
 *
 * Display interrupts stay masked until modesetting turns them on.
 *
 * Return: 0 or -errno.
 */
int mvgpu_drm_irq_init(struct mvgpu_device *mdev)
{
	struct pci_dev *pdev = mdev->pdev;
	u32 gt = 0;
	unsigned int e;
	int ret;

	spin_lock_init(&mdev->irq_lock);
	mvgpu_wr(mdev, MVGPU_REG_MASTER_IRQ, 0);
	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		if (mdev->engine[e].present)
			gt |= (MVGPU_GT0_USER_INTERRUPT(0) | MVGPU_GT0_ERROR(0) |
			       MVGPU_GT0_CTX_SWITCH(0)) << (16 * e);
	mvgpu_irq_bank(mdev, MVGPU_IRQ_BANK_GT0, gt);
	mvgpu_irq_bank(mdev, MVGPU_IRQ_BANK_DE_PIPE(0), 0);
	mvgpu_irq_bank(mdev, MVGPU_IRQ_BANK_DE_PORT, 0);
	mvgpu_irq_bank(mdev, MVGPU_IRQ_BANK_DE_MISC, 0);

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (ret < 0)
		return ret;
	ret = request_irq(pci_irq_vector(pdev, 0), mvgpu_irq_handler,
			  pdev->msi_enabled ? 0 : IRQF_SHARED, MVGPU_DRM_NAME,
			  mdev);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	mvgpu_wr(mdev, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	return 0;
}

/**
 * mvgpu_drm_irq_fini - undo mvgpu_drm_irq_init()
 * @mdev: the device
 */
void mvgpu_drm_irq_fini(struct mvgpu_device *mdev)
{
	/* BAR0 is mapped until remove returns. */
	mvgpu_wr(mdev, MVGPU_REG_MASTER_IRQ, 0);
	free_irq(pci_irq_vector(mdev->pdev, 0), mdev);
	pci_free_irq_vectors(mdev->pdev);
}
