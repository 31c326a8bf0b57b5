// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the PV info page (core/pvinfo.c) through BAR0, with what it
 * depends on and drives: the PV handshake and failsafe mode, the
 * guest-to-host ping and its interrupt, device reset.  Same vGPU world as
 * the BAR0 target (fake_vgpu.c).
 *
 * Input: operations (struct fz_op, enum fz_pv_op).
 *
 * A model written from the "PV info page", "Guest-to-host requests",
 * "Getting an interrupt: the PV ping" and "Failsafe mode" sections of
 * Documentation/gpu/mvgpu/programming-model.rst follows every access:
 * each read of the page returns the model's value (constants, the
 * request and event registers, unknown offsets as 0); the DE misc bank
 * and MASTER_IRQ follow the pings; failsafe mode starts exactly when the
 * guest uses the GTT or submits before the handshake and drops those
 * until a reset; a reset forgets the handshake.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <shim/harness.h>

#include "core/pvinfo.h"
#include "fake_vgpu.h"
#include "fuzz_util.h"

#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define DE_IMR		MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_MISC)
#define DE_IER		MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_MISC)
#define DE_IIR		MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC)

struct pv_model {
	bool seen;		/* the magic was read since the reset */
	u32 failsafe;		/* enum mvgpu_failsafe */
	u64 drops;		/* failsafe drops */
	u32 display_ready;
	u32 g2v;
	u32 event;
	u32 seqno;
	u32 imr, ier, iir, master;
};

static struct pv_model m;

/* A device reset; the drop counter is a statistic, it stays. */
static void model_reset(void)
{
	u64 drops = m.drops;

	memset(&m, 0, sizeof(m));
	m.drops = drops;
	m.imr = MVGPU_DE_MISC_VALID_MASK;
}

/* The model's value of the dword at PV page offset @off. */
static u32 model_dword(const struct mvgpu_vgpu *vgpu, u32 off)
{
	const u64 ranges[] = { vgpu->aperture.start, vgpu->aperture.size,
			       vgpu->hidden.start, vgpu->hidden.size };

	switch (off) {
	case MVGPU_PV_MAGIC_LO:
		return (u32)MVGPU_PV_MAGIC;
	case MVGPU_PV_MAGIC_HI:
		return MVGPU_PV_MAGIC >> 32;
	case MVGPU_PV_VERSION:
		return MVGPU_PV_VERSION_MAJOR << 16 | MVGPU_PV_VERSION_MINOR;
	case MVGPU_PV_VGPU_ID:
		return vgpu->id;
	case MVGPU_PV_CAPS:
		return MVGPU_PV_CAP_PV_EVENT | MVGPU_PV_CAP_PPGTT;
	case MVGPU_PV_ENGINES:
		return vgpu->pgpu->caps.engine_mask;
	case MVGPU_PV_DISPLAY_READY:
		return m.display_ready;
	case MVGPU_PV_G2V_NOTIFY:
		return m.g2v;
	case MVGPU_PV_V2G_EVENT:
		return m.event;
	case MVGPU_PV_V2G_SEQNO:
		return m.seqno;
	}
	if (off >= MVGPU_PV_MAPPABLE_BASE && off < MVGPU_PV_HIDDEN_SIZE + 8) {
		u32 i = (off - MVGPU_PV_MAPPABLE_BASE) / 4;

		return i & 1 ? ranges[i / 2] >> 32 : (u32)ranges[i / 2];
	}
	return 0;	/* unknown offsets; engine errors are not modelled */
}

/*
 * Offsets the model knows: the PV page but its engine errors.  A
 * misaligned access near the page's end reaches past it, into the
 * display's EDID window (MVGPU_EDID_OFFSET): not this model's.
 */
static bool modelled(u32 off)
{
	return off < MVGPU_PV_ENGINE_ERROR(0) ||
	       (off >= MVGPU_PV_ENGINE_ERROR(MVGPU_NUM_ENGINES) &&
		off < MVGPU_PVINFO_SIZE);
}

static void model_ping(void)
{
	m.event = MVGPU_V2G_PONG;
	m.seqno++;
	m.iir |= MVGPU_DE_MISC_PV_EVENT & ~m.imr;
}

/* A guest write of the dword at PV page offset @off. */
static void model_write_dword(u32 off, u32 val)
{
	if (off == MVGPU_PV_DISPLAY_READY)
		m.display_ready = val & 1;
	if (off == MVGPU_PV_G2V_NOTIFY) {
		m.g2v = val;
		if (val == MVGPU_G2V_PING)
			model_ping();
	}
}

static u64 rd(struct mvgpu_vgpu *vgpu, u32 offset, unsigned int bytes)
{
	u64 v;

	FUZZ_CHECK(fz_bar0_read(vgpu, offset, &v, bytes) == 0, "read %#x",
		   offset);
	return v;
}

static void check_model(struct mvgpu_vgpu *vgpu)
{
	u32 off, master;

	/* Not the magic: reading it is the handshake. */
	for (off = MVGPU_PV_VERSION; off < 0x100; off += 4)
		if (modelled(off))
			FUZZ_CHECK(rd(vgpu, PV(off), 4) == model_dword(vgpu, off),
				   "PV %#x reads %#llx, model %#x", off,
				   (unsigned long long)rd(vgpu, PV(off), 4),
				   model_dword(vgpu, off));
	FUZZ_CHECK(rd(vgpu, DE_IMR, 4) == m.imr, "DE IMR");
	FUZZ_CHECK(rd(vgpu, DE_IER, 4) == m.ier, "DE IER");
	FUZZ_CHECK(rd(vgpu, DE_IIR, 4) == m.iir, "DE IIR %#llx, model %#x",
		   (unsigned long long)rd(vgpu, DE_IIR, 4), m.iir);
	master = rd(vgpu, MVGPU_REG_MASTER_IRQ, 4);
	FUZZ_CHECK((master & MVGPU_MASTER_IRQ_CONTROL) == m.master, "master");
	FUZZ_CHECK(!!(master & MVGPU_MASTER_DE_MISC_IRQ) == !!(m.iir & m.ier),
		   "MASTER_IRQ %#x, DE misc pending %d", master,
		   !!(m.iir & m.ier));
	FUZZ_CHECK(vgpu->pv_seen == m.seen, "handshake %d, model %d",
		   vgpu->pv_seen, m.seen);
	FUZZ_CHECK(vgpu->failsafe == m.failsafe, "failsafe %u, model %u",
		   vgpu->failsafe, m.failsafe);
	FUZZ_CHECK(vgpu->stats.failsafe_drops == m.drops,
		   "failsafe drops %llu, model %llu",
		   (unsigned long long)vgpu->stats.failsafe_drops,
		   (unsigned long long)m.drops);
}

static void enter_failsafe(u32 reason)
{
	m.drops++;
	if (!m.failsafe)
		m.failsafe = reason;
}

static void pv_access(struct mvgpu_vgpu *vgpu, const struct fz_op *op,
		      bool write)
{
	unsigned int bytes = fz_acc_size(op->arg);
	u32 off = fz_acc_offset(op->arg, op->off % MVGPU_PVINFO_SIZE);
	bool ok = fz_bar0_access_ok(PV(off), bytes, write);
	u32 first = ALIGN_DOWN(off, 4), d;
	u64 v = 0;
	int ret;

	if (write) {
		ret = fz_bar0_write(vgpu, PV(off), op->val, bytes);
		FUZZ_CHECK(ret == (ok ? 0 : -EINVAL), "PV write: %d", ret);
		for (d = 0; !ret && d < bytes / 4; d++)
			model_write_dword(off + 4 * d, op->val >> (32 * d));
		return;
	}
	ret = fz_bar0_read(vgpu, PV(off), &v, bytes);
	FUZZ_CHECK(ret == (ok ? 0 : -EINVAL), "PV read: %d", ret);
	if (ret)
		return;
	/* Reading either magic dword, with any size, is the handshake. */
	if (first < MVGPU_PV_VERSION)
		m.seen = true;
	if (bytes == 8) {
		if (modelled(off) && modelled(off + 4))
			FUZZ_CHECK(v == (model_dword(vgpu, off) |
					 (u64)model_dword(vgpu, off + 4) << 32),
				   "PV %#x reads %#llx", off, (unsigned long long)v);
		return;
	}
	d = model_dword(vgpu, first) >> (8 * (off - first));
	if (modelled(first))
		FUZZ_CHECK(v == (d & (bytes == 4 ? ~0u : (1u << (8 * bytes)) - 1)),
			   "PV %#x (%u bytes) reads %#llx", off, bytes,
			   (unsigned long long)v);
}

static void irq_write(struct mvgpu_vgpu *vgpu, u8 which, u32 val)
{
	static const u32 regs[] = { DE_IMR, DE_IER, DE_IIR,
				    MVGPU_REG_MASTER_IRQ };
	u32 valid = MVGPU_DE_MISC_VALID_MASK;

	FUZZ_CHECK(fz_bar0_write(vgpu, regs[which % 4], val, 4) == 0, "irq");
	switch (which % 4) {
	case 0:
		m.imr = val & valid;
		break;
	case 1:
		m.ier = val & valid;
		break;
	case 2:
		m.iir &= ~(val & valid);
		break;
	default:
		m.master = val & MVGPU_MASTER_IRQ_CONTROL;
	}
}

static void gtt_write(struct mvgpu_vgpu *vgpu, const struct fz_op *op)
{
	struct fz_entry e;
	u64 host;

	fz_gtt_entry(vgpu, op, &e);
	fake_touch_gtt(e.offset, e.bytes);
	FUZZ_CHECK(fz_bar0_write(vgpu, e.offset, e.val, e.bytes) == 0, "GTT");
	if (!m.seen || m.failsafe) {
		enter_failsafe(MVGPU_FAILSAFE_GTT_BEFORE_PV);
		/* Dropped: never translated. */
		host = fake_mem.ggtt[(e.offset - MVGPU_GTT_OFFSET) / 8];
		FUZZ_CHECK(host == (vgpu->scratch_addr | MVGPU_GTT_PTE_PRESENT),
			   "a failsafe GTT write was translated");
	}
}

/*
 * Enable engine @engine's ring (one page at the aperture start) with
 * HEAD 0 and TAIL @tail: work to submit when @tail is not 0.
 */
static void ring(struct mvgpu_vgpu *vgpu, unsigned int engine, u32 tail)
{
	u32 base = MVGPU_RING_BASE(engine);
	u32 ctl, mode;
	bool stopped, submits;

	mutex_lock(&vgpu->lock);
	ctl = *mvgpu_vreg(vgpu, MVGPU_RING_CTL(base));
	mode = *mvgpu_vreg(vgpu, MVGPU_RING_MI_MODE(base));
	mutex_unlock(&vgpu->lock);
	stopped = mode & MVGPU_MI_MODE_STOP_RING;
	tail &= 0xff8;
	FUZZ_CHECK(fz_bar0_write(vgpu, MVGPU_RING_START(base),
				 vgpu->aperture.start, 4) == 0, "START");
	FUZZ_CHECK(fz_bar0_write(vgpu, MVGPU_RING_HEAD(base), 0, 4) == 0, "HEAD");
	FUZZ_CHECK(fz_bar0_write(vgpu, MVGPU_RING_TAIL(base), tail, 4) == 0,
		   "TAIL");
	/* The TAIL write kicks a valid ring; the CTL write kicks too. */
	submits = tail && !stopped && !vgpu->engines[engine].busy &&
		  !vgpu->engines[engine].broken;
	if (submits && (ctl & MVGPU_RING_VALID) && (!m.seen || m.failsafe))
		enter_failsafe(MVGPU_FAILSAFE_ENGINE_BEFORE_PV);
	FUZZ_CHECK(fz_bar0_write(vgpu, MVGPU_RING_CTL(base),
				 MVGPU_RING_VALID, 4) == 0, "CTL");
	if (submits && (!m.seen || m.failsafe))
		enter_failsafe(MVGPU_FAILSAFE_ENGINE_BEFORE_PV);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_input in = { data, size };
	struct mvgpu_vgpu *vgpu;

	shim_begin();
	if (fake_world_begin(4, -1))
		shim_fail(__FILE__, __LINE__, "vGPU init failed");
	vgpu = world.vgpu;
	m.drops = 0;
	model_reset();
	check_model(vgpu);
	while (in.left) {
		struct fz_op op;

		fz_take(&in, &op, sizeof(op));
		fz_trace_op(&op, FZ_PV_NR_OPS);
		switch (op.op % FZ_PV_NR_OPS) {
		case FZ_PV_READ:
			pv_access(vgpu, &op, false);
			break;
		case FZ_PV_WRITE:
			pv_access(vgpu, &op, true);
			break;
		case FZ_PV_NOTIFY:
			op.val = op.arg & 1 ? op.val : MVGPU_G2V_PING;
			op.off = MVGPU_PV_G2V_NOTIFY;
			op.arg = 2;	/* 4 bytes, aligned */
			pv_access(vgpu, &op, true);
			break;
		case FZ_PV_IRQ:
			irq_write(vgpu, op.arg, op.val);
			break;
		case FZ_PV_GTT_WRITE:
			gtt_write(vgpu, &op);
			break;
		case FZ_PV_RING:
			ring(vgpu, op.arg % MVGPU_NUM_ENGINES, op.off);
			break;
		case FZ_PV_RESET:
			fake_reset();
			model_reset();
			break;
		}
		shim_run_work();
		check_model(vgpu);
		fake_world_check();
	}
	fake_world_end();
	shim_end();
	return 0;
}
