// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt controller.
 *
 * An event latches into a bank's IIR unless masked in IMR.  The line is
 * asserted while the master control is on and some bank has IIR & IER.
 * MSI is edge-triggered: each rising edge signals the MSI eventfd, so a
 * guest gets a new interrupt by clearing IIR or toggling the master control
 * as on Gen8.  INTx is level-triggered with VFIO automasking: a signal masks
 * the line until userspace unmasks it, and an unmask with the line still
 * high signals again.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/eventfd.h>
#include <linux/lockdep.h>
#include <linux/pci_regs.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/trace.h"

/* Banks and the master status bit each one drives. */
static const struct {
	u32 bank;
	u32 master_bit;
} irq_banks[] = {
	{ MVGPU_IRQ_BANK_GT0, MVGPU_MASTER_GT0_IRQ },
	{ MVGPU_IRQ_BANK_DE_PIPE(0), MVGPU_MASTER_DE_PIPE_IRQ(0) },
	{ MVGPU_IRQ_BANK_DE_PORT, MVGPU_MASTER_DE_PORT_IRQ },
	{ MVGPU_IRQ_BANK_DE_MISC, MVGPU_MASTER_DE_MISC_IRQ },
};

static u32 pending_banks(struct mvgpu_vgpu *vgpu)
{
	u32 status = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(irq_banks); i++) {
		u32 bank = irq_banks[i].bank;

		if (*mvgpu_vreg(vgpu, MVGPU_IRQ_IIR(bank)) &
		    *mvgpu_vreg(vgpu, MVGPU_IRQ_IER(bank)))
			status |= irq_banks[i].master_bit;
	}
	return status;
}

static void set_intx_status(struct mvgpu_vgpu *vgpu, bool on)
{
	u8 *status = &vgpu->cfg.data[PCI_STATUS];

	if (on)
		*status |= PCI_STATUS_INTERRUPT;
	else
		*status &= ~PCI_STATUS_INTERRUPT;
}

static void signal_intx(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_irq *irq = &vgpu->irq;
	u16 cmd = vgpu->cfg.data[PCI_COMMAND] |
		  vgpu->cfg.data[PCI_COMMAND + 1] << 8;

	if (!irq->intx_trigger || irq->intx_masked ||
	    (cmd & PCI_COMMAND_INTX_DISABLE))
		return;
	irq->intx_masked = true;
	irq->signal_intx = true;
	vgpu->stats.irqs_injected++;
	trace_mvgpu_irq_inject(vgpu->id, false);
}

/**
 * mvgpu_irq_update() - recompute the line and deliver a new interrupt
 * @vgpu: the vGPU; its lock must be held
 *
 * Called after any change to IIR, IER or the master control.  While the
 * vGPU is stopped nothing is signalled: the line keeps its last state
 * until mvgpu_vgpu_run() calls this again.
 */
void mvgpu_irq_update(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_irq *irq = &vgpu->irq;
	bool level;

	lockdep_assert_held(&vgpu->lock);
	level = (*mvgpu_vreg(vgpu, MVGPU_REG_MASTER_IRQ) &
		 MVGPU_MASTER_IRQ_CONTROL) && pending_banks(vgpu);

	set_intx_status(vgpu, level);
	/* Stopped (migration): latched, delivered by mvgpu_vgpu_run(). */
	if (vgpu->stopped)
		return;
	if (level == irq->asserted)
		return;
	irq->asserted = level;
	if (!level)
		return;
	irq->edges++;
	if (irq->msi_trigger) {
		irq->signal_msi = true;
		vgpu->stats.irqs_injected++;
		trace_mvgpu_irq_inject(vgpu->id, true);
	} else {
		signal_intx(vgpu);
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_irq_update);

/**
 * mvgpu_irq_raise() - an interrupt source fired
 * @vgpu: the vGPU; its lock must be held
 * @bank: bank base (MVGPU_IRQ_BANK_*)
 * @bits: source bits within the bank
 *
 * Bits not masked in IMR latch into IIR; the line is then recomputed.
 */
void mvgpu_irq_raise(struct mvgpu_vgpu *vgpu, u32 bank, u32 bits)
{
	u32 *iir = mvgpu_vreg(vgpu, MVGPU_IRQ_IIR(bank));
	u32 imr = *mvgpu_vreg(vgpu, MVGPU_IRQ_IMR(bank));

	lockdep_assert_held(&vgpu->lock);
	trace_mvgpu_irq_raise(vgpu->id, bank, bits, imr);
	*iir |= bits & ~imr;
	mvgpu_irq_update(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_irq_raise);

/**
 * mvgpu_irq_intx_unmask() - userspace unmasked INTx
 * @vgpu: the vGPU; its lock must be held
 *
 * A level that is still high signals again (and masks again).
 */
void mvgpu_irq_intx_unmask(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	vgpu->irq.intx_masked = false;
	if (vgpu->irq.asserted && !vgpu->irq.msi_trigger && !vgpu->stopped)
		signal_intx(vgpu);
}

/**
 * mvgpu_irq_run() - the vGPU runs again: signal what it latched meanwhile
 * @vgpu: the vGPU; its lock must be held, and it is no longer stopped
 *
 * A line that rose while it was stopped gives its edge now; an INTx line
 * that is high and unmasked signals again, as at an unmask.
 */
void mvgpu_irq_run(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	mvgpu_irq_update(vgpu);
	if (vgpu->irq.asserted && !vgpu->irq.msi_trigger &&
	    !vgpu->irq.intx_masked)
		signal_intx(vgpu);
}

/**
 * mvgpu_irq_reset() - drop the line and any automask state
 * @vgpu: the vGPU; its lock must be held
 *
 * The registers themselves are reset with the register file; eventfds stay
 * (userspace owns them).
 */
void mvgpu_irq_reset(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	vgpu->irq.asserted = false;
	vgpu->irq.intx_masked = false;
	set_intx_status(vgpu, false);
}

#define SIGNAL_MSI	BIT(0)
#define SIGNAL_INTX	BIT(1)
#define SIGNAL_ERR	BIT(2)

/**
 * mvgpu_irq_init() - set up the interrupt state of a new vGPU
 * @vgpu: the vGPU
 */
void mvgpu_irq_init(struct mvgpu_vgpu *vgpu)
{
	spin_lock_init(&vgpu->irq.trigger_lock);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_irq_init);

/**
 * mvgpu_irq_set_trigger() - replace an eventfd (NULL to drop it)
 * @vgpu: the vGPU; its lock must be held
 * @trigger: &vgpu->irq.intx_trigger, msi_trigger, req_trigger or
 *	err_trigger
 * @ctx: the new context, or NULL
 */
void mvgpu_irq_set_trigger(struct mvgpu_vgpu *vgpu,
			   struct eventfd_ctx **trigger,
			   struct eventfd_ctx *ctx)
{
	struct eventfd_ctx *old;

	lockdep_assert_held(&vgpu->lock);
	spin_lock(&vgpu->irq.trigger_lock);
	old = *trigger;
	*trigger = ctx;
	spin_unlock(&vgpu->irq.trigger_lock);
	if (old)
		eventfd_ctx_put(old);
}

/**
 * mvgpu_irq_error() - the vGPU reached a state its guest cannot recover from
 * @vgpu: the vGPU; its lock must be held
 *
 * Only a device reset brings it back (failsafe mode).  The user's error
 * eventfd (VFIO's error IRQ) is signalled once the vGPU lock is dropped,
 * so that the VMM can report it or reset the device.
 */
void mvgpu_irq_error(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	vgpu->irq.signal_err = true;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_irq_error);

/**
 * mvgpu_irq_take_signals() - collect the interrupts due to be signalled
 * @vgpu: the vGPU; its lock must be held
 *
 * Interrupts are delivered by mvgpu_irq_deliver() after the vGPU lock is
 * released, so that the woken user does not at once block on the lock its
 * waker still holds.
 *
 * Return: signals for mvgpu_irq_deliver().
 */
unsigned int mvgpu_irq_take_signals(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_irq *irq = &vgpu->irq;
	unsigned int signals = 0;

	lockdep_assert_held(&vgpu->lock);
	if (irq->signal_msi)
		signals |= SIGNAL_MSI;
	if (irq->signal_intx)
		signals |= SIGNAL_INTX;
	if (irq->signal_err)
		signals |= SIGNAL_ERR;
	irq->signal_msi = false;
	irq->signal_intx = false;
	irq->signal_err = false;
	return signals;
}

/**
 * mvgpu_irq_deliver() - signal the eventfds (vGPU lock not held)
 * @vgpu: the vGPU
 * @signals: from mvgpu_irq_take_signals()
 */
void mvgpu_irq_deliver(struct mvgpu_vgpu *vgpu, unsigned int signals)
{
	struct mvgpu_irq *irq = &vgpu->irq;

	if (!signals)
		return;
	spin_lock(&irq->trigger_lock);
	if ((signals & SIGNAL_MSI) && irq->msi_trigger)
		eventfd_signal(irq->msi_trigger);
	if ((signals & SIGNAL_INTX) && irq->intx_trigger)
		eventfd_signal(irq->intx_trigger);
	if ((signals & SIGNAL_ERR) && irq->err_trigger)
		eventfd_signal(irq->err_trigger);
	spin_unlock(&irq->trigger_lock);
}

/**
 * mvgpu_irq_request_release() - ask the vGPU's user to let go of it
 * @vgpu: the vGPU; any lock or none (takes only ``trigger_lock``)
 *
 * Signals the request eventfd (VFIO's request IRQ), if the user set one.
 *
 * Return: whether there was one to signal.
 */
bool mvgpu_irq_request_release(struct mvgpu_vgpu *vgpu)
{
	bool ret;

	spin_lock(&vgpu->irq.trigger_lock);
	ret = vgpu->irq.req_trigger;
	if (ret)
		eventfd_signal(vgpu->irq.req_trigger);
	spin_unlock(&vgpu->irq.trigger_lock);
	return ret;
}

/**
 * mvgpu_irq_release_triggers() - drop every eventfd (device close)
 * @vgpu: the vGPU; its lock must be held
 */
void mvgpu_irq_release_triggers(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	mvgpu_irq_set_trigger(vgpu, &vgpu->irq.intx_trigger, NULL);
	mvgpu_irq_set_trigger(vgpu, &vgpu->irq.msi_trigger, NULL);
	mvgpu_irq_set_trigger(vgpu, &vgpu->irq.req_trigger, NULL);
	mvgpu_irq_set_trigger(vgpu, &vgpu->irq.err_trigger, NULL);
	mvgpu_irq_reset(vgpu);
}

/**
 * mvgpu_irq_master_read() - read handler of the master interrupt control
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value (the enable bit)
 *
 * Return: the enable bit plus the summary bits of banks with a pending,
 * enabled event.
 */
u32 mvgpu_irq_master_read(struct mvgpu_vgpu *vgpu,
			  const struct mvgpu_reg_desc *reg,
			  unsigned int idx, u32 val)
{
	return (val & MVGPU_MASTER_IRQ_CONTROL) | pending_banks(vgpu);
}

/**
 * mvgpu_irq_reg_written() - write handler of IMR, IIR, IER and master
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @old: previous value
 * @new: stored value
 */
void mvgpu_irq_reg_written(struct mvgpu_vgpu *vgpu,
			   const struct mvgpu_reg_desc *reg,
			   unsigned int idx, u32 old, u32 new)
{
	if (old != new)
		mvgpu_irq_update(vgpu);
}
