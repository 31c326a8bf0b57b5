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
 * DMA unmap and map; work items; time, which fires the timers that
 * expire on the way (the display's vertical blanks); the interrupt
 * triggers (eventfds installed, dropped, INTx masked and unmasked, as
 * VFIO_DEVICE_SET_IRQS); the VMM's side of the display (plane queries
 * and reads, EDID and link changes, the debugfs file).
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
 *  - the display: a plane's pixels are read exactly from the guest pages
 *    the host GGTT maps behind it, or not at all (-EFAULT, -ENOSPC), and
 *    every page reference taken is dropped; an EDID is accepted exactly
 *    when it is well formed, and the guest then reads it, its size and
 *    the connector's state through BAR0, with a hotplug interrupt;
 *    the invariants of fake_world_check();
 *  - at the end, closing and destroying the vGPU gives every pin,
 *    mapping, eventfd, GGTT entry and byte of graphics memory back.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>
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
		*val = MVGPU_PV_CAP_PV_EVENT | MVGPU_PV_CAP_PPGTT;
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

/* ---- the VMM's side of the display ---------------------------------------- */

static u32 rd32(struct mvgpu_vgpu *vgpu, u32 offset)
{
	u64 v;

	FUZZ_CHECK(fz_bar0_read(vgpu, offset, &v, 4) == 0, "read of %#x", offset);
	return v;
}

/*
 * The guest sees the display the VMM set: DP_A's detected bit, EDID_SIZE,
 * and the EDID window (0 past the blob, all 0 while disconnected).
 */
static void check_edid_regs(struct mvgpu_vgpu *vgpu, bool up, const u8 *blob,
			    u32 size)
{
	u32 i;

	FUZZ_CHECK(!!(rd32(vgpu, MVGPU_DP_A) & MVGPU_DP_DETECTED) == up,
		   "DP_A: detected %d", !up);
	FUZZ_CHECK(rd32(vgpu, MVGPU_REG_EDID_SIZE) == (up ? size : 0),
		   "EDID_SIZE %#x, the EDID has %#x bytes, link %d",
		   rd32(vgpu, MVGPU_REG_EDID_SIZE), size, up);
	for (i = 0; i < MVGPU_EDID_MAX_SIZE; i += 4) {
		u32 want = up && i < size ? get_unaligned_le32(blob + i) : 0;

		FUZZ_CHECK(rd32(vgpu, MVGPU_EDID_OFFSET + i) == want,
			   "EDID dword %#x reads %#x, not %#x", i,
			   rd32(vgpu, MVGPU_EDID_OFFSET + i), want);
	}
}

/* A hotplug interrupt was raised (unless masked) since @iir0 was read. */
static void check_hotplug(struct mvgpu_vgpu *vgpu, u32 iir0)
{
	u32 bank = MVGPU_IRQ_BANK_DE_PORT;

	if (rd32(vgpu, MVGPU_IRQ_IMR(bank)) & MVGPU_DE_PORT_HOTPLUG)
		return;
	FUZZ_CHECK(rd32(vgpu, MVGPU_IRQ_IIR(bank)) & MVGPU_DE_PORT_HOTPLUG,
		   "no hotplug interrupt (IIR was %#x)", iir0);
}

/* Well formed, as the programming model says an EDID must be. */
static bool edid_ok(const u8 *blob, u32 size)
{
	static const u8 header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	u32 i;
	u8 sum = 0;

	if (size < 128 || size > MVGPU_EDID_MAX_SIZE || size % 128 ||
	    memcmp(blob, header, sizeof(header)) || (blob[126] + 1) * 128 != size)
		return false;
	for (i = 0; i < size; i++) {
		sum += blob[i];
		if (i % 128 == 127 && sum)
			return false;
	}
	return true;
}

static void set_edid(struct mvgpu_vgpu *vgpu, const struct fz_op *op)
{
	u32 ext = (op->arg16 >> 2) & 7, size = 128 * (ext + 1), i, j, old_size;
	u8 gen[MVGPU_EDID_MAX_SIZE], old[MVGPU_EDID_MAX_SIZE], *blob, sum;
	u32 iir0 = rd32(vgpu, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT));
	u64 x = op->val | 1;
	bool valid, up;
	int ret;

	mvgpu_edid_generate(gen, (op->off & 0xfff) + 1,
			    ((op->off >> 12) & 0xfff) + 1);
	gen[126] = ext;
	for (i = 128; i < size; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		gen[i] = x;
	}
	for (i = 0; i < size; i += 128) {
		for (sum = 0, j = 0; j < 127; j++)
			sum += gen[i + j];
		gen[i + 127] = -sum;
	}
	if (op->arg16 & FZ_EDID_FLIP)
		gen[((op->off >> 24) * 4) % size] ^= op->val;
	if (op->arg16 & FZ_EDID_SIZE)
		size = (op->val >> 32) % (MVGPU_EDID_MAX_SIZE + 256);
	/* Exactly @size bytes: ASan sees any read past them. */
	blob = malloc(size ?: 1);
	FUZZ_CHECK(blob, "out of memory");
	memset(blob, 0, size);
	memcpy(blob, gen, min_t(u32, size, sizeof(gen)));
	valid = edid_ok(blob, size);
	old_size = mvgpu_display_get_edid(vgpu, old, &up);
	ret = mvgpu_display_set_edid(vgpu, blob, size);
	FUZZ_CHECK(ret == (valid ? 0 : -EINVAL),
		   "an EDID of %u bytes, %s: %d", size,
		   valid ? "well formed" : "malformed", ret);
	if (valid) {
		check_edid_regs(vgpu, true, blob, size);
		check_hotplug(vgpu, iir0);
	} else {
		/* Nothing changed. */
		check_edid_regs(vgpu, up, old, old_size);
	}
	free(blob);
}

static void set_link(struct mvgpu_vgpu *vgpu, bool up)
{
	u32 iir0 = rd32(vgpu, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT));
	u8 blob[MVGPU_EDID_MAX_SIZE];
	bool was, now;
	u32 size;

	mvgpu_display_get_edid(vgpu, blob, &was);
	mvgpu_display_set_link(vgpu, up);
	size = mvgpu_display_get_edid(vgpu, blob, &now);
	FUZZ_CHECK(now == up, "link %d after it was set to %d", now, up);
	check_edid_regs(vgpu, up, blob, size);
	if (was != up)
		check_hotplug(vgpu, iir0);
}

/*
 * The plane's pixels, as the GPU would scan them out: through the host
 * GGTT entries of the vGPU's slices (fake_mem_check_pins() ties them to
 * the frames its GTT maps).  False when a page has none (scratch).
 */
static bool plane_pixels_ok(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_plane *p, const u8 *dst,
			    bool check)
{
	u64 scratch = vgpu->scratch_addr | MVGPU_GTT_PTE_PRESENT;
	u32 line = p->width * p->cpp, y, done, n;
	u64 gm, pte;
	const u8 *src;

	for (gm = p->gm & PAGE_MASK; gm < p->gm + p->size; gm += PAGE_SIZE)
		if (fake_mem.ggtt[gm >> PAGE_SHIFT] == scratch)
			return false;
	for (y = 0; check && y < p->height; y++) {
		for (done = 0; done < line; done += n) {
			gm = p->gm + (u64)y * p->stride + done;
			n = min_t(u32, line - done, PAGE_SIZE - gm % PAGE_SIZE);
			pte = fake_mem.ggtt[gm >> PAGE_SHIFT];
			src = page_address(pfn_to_page(PHYS_PFN(pte & MVGPU_GTT_PTE_ADDR_MASK)));
			FUZZ_CHECK(!memcmp(dst + (u64)y * line + done,
					   src + gm % PAGE_SIZE, n),
				   "plane at %#llx: line %u, bytes %u..%u differ from the guest's",
				   (unsigned long long)p->gm, y, done, done + n);
		}
	}
	return true;
}

static void read_plane(struct mvgpu_vgpu *vgpu, const struct fz_op *op)
{
	enum mvgpu_plane_id id = op->arg16 & 1;
	unsigned long refs = shim_page_refs();
	struct mvgpu_plane_info info;
	u64 need, size;
	u8 *dst;
	int ret;

	FUZZ_CHECK(mvgpu_display_query(vgpu, id, &info) == 0, "query");
	need = (u64)info.plane.width * info.plane.cpp * info.plane.height;
	size = op->arg16 & 2 ? op->val % (need + 1) : need;
	/* Exactly @size bytes: ASan sees any write past them. */
	dst = malloc(size ?: 1);
	FUZZ_CHECK(dst, "out of memory");
	ret = mvgpu_display_read_plane(vgpu, id, dst, size, &info);
	if (shim_verbose)
		fprintf(stderr, "plane %u read into %llu bytes: %d\n", id,
			(unsigned long long)size, ret);
	FUZZ_CHECK(shim_page_refs() == refs, "%lu page references left",
		   shim_page_refs() - refs);
	if (!info.plane.on)
		FUZZ_CHECK(ret == 0, "a plane off read: %d", ret);
	else if (size < need)
		FUZZ_CHECK(ret == -ENOSPC, "%llu bytes for a plane of %llu: %d",
			   (unsigned long long)size, (unsigned long long)need,
			   ret);
	else
		FUZZ_CHECK(ret == (plane_pixels_ok(vgpu, &info.plane, dst, !ret) ?
				   0 : -EFAULT),
			   "plane %u at %#llx (%llu bytes) read: %d", id,
			   (unsigned long long)info.plane.gm,
			   (unsigned long long)info.plane.size, ret);
	free(dst);
}

static void query(struct mvgpu_vgpu *vgpu, unsigned int id)
{
	struct mvgpu_plane_info info;
	int ret = mvgpu_display_query(vgpu, id, &info);
	u32 hot;

	FUZZ_CHECK(ret == (id < MVGPU_NUM_PLANES ? 0 : -EINVAL),
		   "plane %u: %d", id, ret);
	if (ret)
		return;
	FUZZ_CHECK(!memcmp(&info.plane, &vgpu->display.planes[id],
			   sizeof(info.plane)), "plane %u is not what it scans out", id);
	hot = rd32(vgpu, MVGPU_CURHOT(0));
	FUZZ_CHECK(id == MVGPU_PLANE_CURSOR && (hot & MVGPU_CURHOT_VALID) ?
		   info.x_hot == (hot & 0xff) && info.y_hot == (hot >> 16 & 0xff) :
		   info.x_hot == U32_MAX && info.y_hot == U32_MAX,
		   "plane %u: hotspot %#x,%#x, CURHOT %#x", id, info.x_hot,
		   info.y_hot, hot);
}

static void display_op(struct mvgpu_vgpu *vgpu, const struct fz_op *op)
{
	u8 blob[MVGPU_EDID_MAX_SIZE];
	char text[2048];
	struct seq_file m = { text, sizeof(text) };
	bool up;
	u32 size;

	switch (op->arg % FZ_DISPLAY_NR) {
	case FZ_DISPLAY_QUERY:
		query(vgpu, op->arg16 % 3);
		break;
	case FZ_DISPLAY_READ:
		read_plane(vgpu, op);
		break;
	case FZ_DISPLAY_SET_EDID:
		set_edid(vgpu, op);
		break;
	case FZ_DISPLAY_SET_LINK:
		set_link(vgpu, op->arg16 & 1);
		break;
	case FZ_DISPLAY_GET_EDID:
		size = mvgpu_display_get_edid(vgpu, blob, &up);
		check_edid_regs(vgpu, up, blob, size);
		break;
	default:
		mvgpu_display_show(vgpu, &m);
		FUZZ_CHECK(m.count < m.size, "the display file overflowed");
		if (shim_verbose)
			fprintf(stderr, "%s", text);
	}
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
	case FZ_MMIO_DISPLAY:
		display_op(vgpu, op);
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
