/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual interrupts: Gen8-style banks (ISR/IMR/IIR/IER) under a master
 * control, delivered to userspace through VFIO eventfds (MSI or INTx).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_IRQ_H_
#define _MVGPU_IRQ_H_

#include <linux/spinlock.h>
#include <linux/types.h>

struct eventfd_ctx;
struct mvgpu_vgpu;
struct mvgpu_reg_desc;

/**
 * struct mvgpu_irq - interrupt state of a vGPU
 * @intx_trigger: eventfd for the INTx line, or NULL
 * @msi_trigger: eventfd for the single MSI vector, or NULL
 * @req_trigger: eventfd for device release requests, or NULL
 * @err_trigger: eventfd for unrecoverable errors (failsafe mode), or NULL
 * @intx_masked: INTx masked by userspace or by automasking after a signal
 * @asserted: the virtual interrupt line is high
 * @edges: rising edges of the line since creation (delivered or not)
 * @signal_msi: an MSI is due, signalled when the vGPU lock is dropped
 * @signal_intx: an INTx signal is due, likewise
 * @signal_err: an error signal is due, likewise
 * @trigger_lock: held to change @intx_trigger and @msi_trigger (with the
 *	vGPU lock) and to signal them after the vGPU lock is dropped; the
 *	front end's loopback test signals under the vGPU lock alone, which
 *	excludes changes too
 */
struct mvgpu_irq {
	struct eventfd_ctx *intx_trigger;
	struct eventfd_ctx *msi_trigger;
	struct eventfd_ctx *req_trigger;
	struct eventfd_ctx *err_trigger;
	bool intx_masked;
	bool asserted;
	u64 edges;
	bool signal_msi;
	bool signal_intx;
	bool signal_err;
	spinlock_t trigger_lock;	/* see @trigger_lock above */
};

void mvgpu_irq_raise(struct mvgpu_vgpu *vgpu, u32 bank, u32 bits);
void mvgpu_irq_error(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_update(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_reset(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_intx_unmask(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_run(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_release_triggers(struct mvgpu_vgpu *vgpu);
bool mvgpu_irq_request_release(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_init(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_set_trigger(struct mvgpu_vgpu *vgpu,
			   struct eventfd_ctx **trigger,
			   struct eventfd_ctx *ctx);
unsigned int mvgpu_irq_take_signals(struct mvgpu_vgpu *vgpu);
void mvgpu_irq_deliver(struct mvgpu_vgpu *vgpu, unsigned int signals);

u32 mvgpu_irq_master_read(struct mvgpu_vgpu *vgpu,
			  const struct mvgpu_reg_desc *reg,
			  unsigned int idx, u32 val);
void mvgpu_irq_reg_written(struct mvgpu_vgpu *vgpu,
			   const struct mvgpu_reg_desc *reg,
			   unsigned int idx, u32 old, u32 new);

#endif /* _MVGPU_IRQ_H_ */
