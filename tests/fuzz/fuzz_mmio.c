// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: BAR0 register dispatch (core/mmio.c, core/regs.c,
 * core/reg_table.c and the handlers behind them: interrupts, engines and
 * the command parser, the PV page, the GTT half), unmodified, on a vGPU
 * built by mvgpu_vgpu_init() (fake_vgpu.c).
 *
 * Input: struct fz_mmio_hdr, then operations (struct fz_op, enum
 * fz_mmio_op): reads and writes anywhere in BAR0 and beyond it, of every
 * size and alignment; register-table-guided accesses; GTT entries and
 * guest memory, so that real submissions reach the parser; scheduler
 * events (pick, complete, fault, preempt, cancel, hang); device reset;
 * DMA unmap and map; work items; time; the interrupt triggers (eventfds
 * installed, dropped, INTx masked and unmasked, as VFIO_DEVICE_SET_IRQS).
 *
 * Checked after every operation, beyond ASan and UBSan:
 *  - an access fails with -EINVAL exactly when the programming model's
 *    access rules refuse it, and a read writes only its own bytes;
 *  - reserved bits and unknown offsets read as zero, the PV page's
 *    constants read as documented;
 *  - fake_world_check(): locks, interrupt line, engines against the
 *    scheduler, pin cache against the GTT (fake_mem_check_pins());
 *  - every interrupt raised is delivered once the lock drops, MSI once
 *    per rising edge, to a live eventfd;
 *  - at the end, closing and destroying the vGPU gives every pin,
 *    mapping, eventfd, GGTT entry and byte of graphics memory back.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <shim/harness.h>

#include "core/pvinfo.h"
#include "core/regs.h"
#include "fake_vgpu.h"
#include "fuzz_util.h"

#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

/* The documented value of a constant dword of the PV page, if it is one. */
static bool pv_const(const struct mvgpu_vgpu *vgpu, u32 offset, u32 *val)
{
	const u64 ranges[] = { vgpu->aperture.start, vgpu->aperture.size,
			       vgpu->hidden.start, vgpu->hidden.size };

	switch (offset) {
	case PV(MVGPU_PV_MAGIC_LO):
		*val = (u32)MVGPU_PV_MAGIC;
		return true;
	case PV(MVGPU_PV_MAGIC_HI):
		*val = MVGPU_PV_MAGIC >> 32;
		return true;
	case PV(MVGPU_PV_VERSION):
		*val = MVGPU_PV_VERSION_MAJOR << 16 | MVGPU_PV_VERSION_MINOR;
		return true;
	case PV(MVGPU_PV_VGPU_ID):
		*val = vgpu->id;
		return true;
	case PV(MVGPU_PV_CAPS):
		*val = MVGPU_PV_CAP_PV_EVENT;
		return true;
	}
	if (offset >= PV(MVGPU_PV_MAPPABLE_BASE) &&
	    offset < PV(MVGPU_PV_HIDDEN_SIZE) + 8) {
		u32 i = (offset - PV(MVGPU_PV_MAPPABLE_BASE)) / 4;

		*val = i & 1 ? ranges[i / 2] >> 32 : (u32)ranges[i / 2];
		return true;
	}
	return false;
}

/*
 * Check what a successful read of the MMIO half returned, dword by dword:
 * unknown offsets and reserved bits read as zero, constants as documented.
 */
static void check_mmio_read(struct mvgpu_vgpu *vgpu, u64 offset,
			    unsigned int bytes, u64 val)
{
	u32 base = ALIGN_DOWN(offset, 4), shift = 8 * (offset - base);
	unsigned int i;

	if (offset >= MVGPU_MMIO_SIZE)
		return;
	for (i = 0; i < DIV_ROUND_UP(bytes, 4); i++) {
		u32 dw_off = base + 4 * i, expect;
		const struct mvgpu_reg_desc *r = mvgpu_reg_find(dw_off, NULL);
		u64 mask = bytes >= 4 ? 0xffffffffull :
			   ((1ull << (8 * bytes)) - 1) << shift;
		u32 got = (val >> (32 * i)) << (bytes < 4 ? shift : 0);

		if (!r) {
			FUZZ_CHECK(!(got & mask), "unknown %#x reads %#x", dw_off,
				   got);
			continue;
		}
		FUZZ_CHECK(!(got & mask & r->rsvd_mask),
			   "%s reads reserved bits: %#x", r->name, got);
		if (pv_const(vgpu, dw_off, &expect))
			FUZZ_CHECK(!((got ^ expect) & mask), "%s reads %#x, not %#x",
				   r->name, got, expect);
	}
}

static void do_read(struct mvgpu_vgpu *vgpu, u64 offset, unsigned int bytes)
{
	bool ok = fz_bar0_access_ok(offset, bytes, false);
	u64 val;
	int ret = fz_bar0_read(vgpu, offset, &val, bytes);

	FUZZ_CHECK(ret == (ok ? 0 : -EINVAL), "read of %u at %#llx: %d", bytes,
		   (unsigned long long)offset, ret);
	if (!ret)
		check_mmio_read(vgpu, offset, bytes, val);
}

static void do_write(struct mvgpu_vgpu *vgpu, u64 offset, unsigned int bytes,
		     u64 val)
{
	bool ok = fz_bar0_access_ok(offset, bytes, true);
	int ret = fz_bar0_write(vgpu, offset, val, bytes);

	FUZZ_CHECK(ret == (ok ? 0 : -EINVAL), "write of %u at %#llx: %d",
		   bytes, (unsigned long long)offset, ret);
}

static u64 reg_offset(const struct fz_op *op)
{
	const struct mvgpu_reg_desc *r =
		&mvgpu_reg_table[op->arg16 % mvgpu_reg_table_size];

	return fz_acc_offset(op->arg, r->offset + 4ull * (op->off % r->count));
}

static void run_op(struct mvgpu_vgpu *vgpu, const struct fz_op *op)
{
	unsigned int bytes = fz_acc_size(op->arg);
	struct fz_entry e;
	u64 raw = op->arg & FZ_ACC_RAW ? op->val :
		  fz_acc_offset(op->arg, op->off % (MVGPU_BAR0_SIZE + SZ_4K));
	void *frame;

	switch (op->op % FZ_MMIO_NR_OPS) {
	case FZ_MMIO_READ:
		do_read(vgpu, raw, bytes);
		break;
	case FZ_MMIO_WRITE:
		raw = op->arg & FZ_ACC_RAW ? op->off : raw;
		fake_touch_gtt(raw, bytes);
		do_write(vgpu, raw, bytes, op->val);
		break;
	case FZ_MMIO_REG_READ:
		do_read(vgpu, reg_offset(op), bytes);
		break;
	case FZ_MMIO_REG_WRITE:
		do_write(vgpu, reg_offset(op), bytes, op->val);
		break;
	case FZ_MMIO_GTT_WRITE:
		fz_gtt_entry(vgpu, op, &e);
		fake_touch_gtt(e.offset, e.bytes);
		do_write(vgpu, e.offset, e.bytes, e.val);
		break;
	case FZ_MMIO_GUEST_WRITE:
		frame = fake_mem_frame(op->arg % FAKE_FRAMES);
		if (frame)
			put_unaligned_le64(op->val, frame + (op->off % PAGE_SIZE & ~7u));
		break;
	case FZ_MMIO_SCHED:
		fake_sched_event(op->arg % MVGPU_NUM_ENGINES,
				 op->arg16 % FZ_SCHED_NR, op->off);
		break;
	case FZ_MMIO_RESET:
		fake_reset();
		break;
	case FZ_MMIO_UNMAP:
		fake_dma_unmap(vgpu, op->off % (FAKE_FRAMES + 16),
			       op->arg16 % 64 + 1);
		break;
	case FZ_MMIO_MAP:
		fake_mem_map(op->off % FAKE_FRAMES, op->arg16 % 64 + 1, true);
		break;
	case FZ_MMIO_WORK:
		shim_run_work();
		break;
	case FZ_MMIO_TIME:
		shim_advance_time(op->val % (10ull * NSEC_PER_SEC));
		break;
	case FZ_MMIO_IRQ:
		fake_irq_op(op->arg);
		break;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_input in = { data, size };
	struct fz_mmio_hdr h;

	shim_begin();
	fz_take(&in, &h, sizeof(h));
	/* V1_64: the smallest type, so that every run is quick. */
	if (fake_world_begin(4, h.flags & FZ_MMIO_FAIL_INIT ? h.fail_alloc : -1))
		goto out;
	fake_world_check();
	while (in.left) {
		struct fake_irq_snap snap;
		struct fz_op op;

		fz_take(&in, &op, sizeof(op));
		fz_trace_op(&op, FZ_MMIO_NR_OPS);
		fake_irq_before(&snap);
		run_op(world.vgpu, &op);
		fake_irq_after(&snap);
		fake_world_check();
	}
out:
	fake_world_end();
	shim_end();
	return 0;
}
