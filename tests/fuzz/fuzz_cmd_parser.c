// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the command parser (core/cmd_parser.c) with its command
 * table (core/cmd_table.c), unmodified, against a fake guest memory.
 *
 * Input: struct fz_cp_hdr (engine, ring registers, shadow size, unreadable
 * pages), then the guest memory from FZ_GM_BASE on, which holds the ring
 * and whatever batch buffers its commands reach.
 *
 * Beyond ASan and UBSan, every scan is checked against the programming
 * model (include/uapi/linux/mvgpu.h), independently of the parser's code:
 *  - a rejection names a parser error code and an offset in its buffer;
 *  - an accepted shadow is walked as the engine would execute it: every
 *    command is known, allowed on the engine, complete and inside the
 *    used shadow; every batch start points at a batch copy in the shadow,
 *    with the level rules (ring -> first level, calls from first level
 *    only, at most 16 batches); every command is the guest's, dword for
 *    dword, but for the documented rewrites (MI_USER_INTERRUPT becomes
 *    MI_NOOP, batch addresses point at the copies); and every address a
 *    command writes or reads lies inside the vGPU's slices, aligned as
 *    the programming model says.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>

#include <shim/harness.h>
#include <shim/mem.h>
#include <linux/mvgpu.h>

#include "core/cmd_parser.h"
#include "core/cmd_table.h"
#include "fuzz_input.h"

#define MAX_WALK_CMDS	(1u << 20)

static u8 *gm_mem;		/* FZ_GM_SIZE bytes at FZ_GM_BASE */
static size_t gm_dirty;		/* bytes the last input wrote */
static u32 gm_holes;		/* unreadable pages, see struct fz_cp_hdr */
static u8 *shadow_buf;		/* MVGPU_CMD_MAX_SHADOW bytes */

static bool in_slice(u64 gm, u64 len, u64 base, u64 size)
{
	return gm >= base && gm - base < size && len <= size - (gm - base);
}

/* The vGPU's memory: the readable slice and the hidden one. */
static bool model_range_ok(u64 gm, u64 len)
{
	return in_slice(gm, len, FZ_GM_BASE, FZ_GM_SIZE) ||
	       in_slice(gm, len, FZ_HID_BASE, FZ_HID_SIZE);
}

static bool page_readable(u64 page)
{
	return !(page % 8) && page && page / 8 - 1 < 32 ?
	       !(gm_holes & (1u << (page / 8 - 1))) : true;
}

static bool model_readable(u64 gm, u64 len)
{
	u64 p;

	if (!in_slice(gm, len, FZ_GM_BASE, FZ_GM_SIZE))
		return false;
	for (p = (gm - FZ_GM_BASE) >> 12;
	     len && p <= (gm - FZ_GM_BASE + len - 1) >> 12; p++)
		if (!page_readable(p))
			return false;
	return true;
}

static int fake_read(void *priv, u64 gm, void *buf, u32 len)
{
	if (!model_readable(gm, len))
		return -EFAULT;
	memcpy(buf, gm_mem + (gm - FZ_GM_BASE), len);
	return 0;
}

static bool fake_range_ok(void *priv, u64 gm, u64 len)
{
	return model_range_ok(gm, len);
}

static const struct mvgpu_cmd_mem_ops fake_mem = {
	.read = fake_read,
	.range_ok = fake_range_ok,
};

static u32 guest_dw(u64 gm)
{
	FUZZ_CHECK(model_readable(gm, 4),
		   "the shadow holds a dword from unreadable address %#llx",
		   (unsigned long long)gm);
	return get_unaligned_le32(gm_mem + (gm - FZ_GM_BASE));
}

/* ---- the walk: the shadow as the engine executes it -------------------- */

enum level { RING, FIRST, SECOND };

struct walk {
	const struct mvgpu_cmd_parser *p;
	const u8 *shadow;
	/* the ring: guest start, size, head */
	u64 ring_gm;
	u32 ring_size;
	u32 head;
	u32 batches;
	u32 cmds;
};

/* Guest address of byte @off of a buffer (the ring wraps). */
static u64 src_gm(const struct walk *w, enum level lvl, u64 gm, u32 off)
{
	if (lvl == RING)
		return w->ring_gm + (w->head + off) % w->ring_size;
	return gm + off;
}

static u32 sdw(const struct walk *w, u32 off)
{
	return get_unaligned_le32(w->shadow + off);
}

/* Model of the address rules of the programming model. */
static bool store_ok(u64 gm, u32 size)
{
	return !(gm % size) && model_range_ok(gm, size);
}

static bool blt_rect_ok(u64 base, u32 pitch, u32 x1, u32 y1, u32 x2, u32 y2)
{
	/* Each row y1..y2-1: bytes 4*x1 .. 4*x2 - 1 from base + y * pitch. */
	unsigned __int128 first = (unsigned __int128)y1 * pitch + 4ull * x1;
	unsigned __int128 last = (unsigned __int128)(y2 - 1) * pitch +
				 4ull * x2 - 1;

	if (base + first > U64_MAX || base + last > U64_MAX)
		return false;
	return model_range_ok(base + (u64)first, (u64)(last - first) + 1);
}

static u64 qw(const struct walk *w, u32 off)
{
	return sdw(w, off) | (u64)sdw(w, off + 4) << 32;
}

/*
 * Check what one accepted command may touch, from the uapi definitions.
 * @off: the command in the shadow; @len: dwords.
 */
static void check_fields(const struct walk *w, u32 off, u32 len)
{
	u32 hdr = sdw(w, off), opc = MVGPU_MI_OPCODE(hdr);
	u32 type = MVGPU_CMD_TYPE(hdr);

	if (type == MVGPU_CMD_TYPE_MI &&
	    opc == MVGPU_MI_OPCODE(MVGPU_MI_STORE_DATA_IMM)) {
		FUZZ_CHECK(hdr & MVGPU_MI_USE_GGTT, "SDI without GGTT");
		FUZZ_CHECK(store_ok(qw(w, off + 4), len == 4 ? 4 : 8),
			   "SDI to %#llx", (unsigned long long)qw(w, off + 4));
	} else if (type == MVGPU_CMD_TYPE_MI &&
		   opc == MVGPU_MI_OPCODE(MVGPU_MI_LOAD_REGISTER_IMM)) {
		u32 i, gpr0 = MVGPU_CS_GPR(MVGPU_RING_BASE(w->p->engine), 0);

		FUZZ_CHECK(len % 2 == 1, "LRI of %u dwords", len);
		for (i = 1; i < len; i += 2) {
			u32 reg = sdw(w, off + 4 * i);

			FUZZ_CHECK(reg >= gpr0 && reg < gpr0 + 8 * MVGPU_NUM_GPRS &&
				   !(reg % 4), "LRI to register %#x", reg);
		}
	} else if (type == MVGPU_CMD_TYPE_MI &&
		   opc == MVGPU_MI_OPCODE(MVGPU_MI_FLUSH_DW)) {
		u32 lo = sdw(w, off + 4);

		FUZZ_CHECK(w->p->engine == MVGPU_ENGINE_BCS, "FLUSH_DW on RCS");
		if (hdr & MVGPU_FLUSH_DW_POST_SYNC) {
			u64 gm = (lo & ~7u) | (u64)sdw(w, off + 8) << 32;

			FUZZ_CHECK((hdr & MVGPU_FLUSH_DW_POST_SYNC) ==
				   MVGPU_FLUSH_DW_STORE_DATA, "FLUSH_DW op");
			FUZZ_CHECK(lo & MVGPU_FLUSH_DW_USE_GGTT, "FLUSH_DW GGTT");
			FUZZ_CHECK(store_ok(gm, len == 4 ? 4 : 8),
				   "FLUSH_DW to %#llx", (unsigned long long)gm);
		}
	} else if (type == MVGPU_CMD_TYPE_2D) {
		u32 br13 = sdw(w, off + 4), pitch = br13 & 0xffff;
		u32 p1 = sdw(w, off + 8), p2 = sdw(w, off + 12);
		u32 x1 = p1 & 0xffff, y1 = p1 >> 16;
		u32 x2 = p2 & 0xffff, y2 = p2 >> 16;
		bool copy = MVGPU_2D_OPCODE(hdr) ==
			    MVGPU_2D_OPCODE(MVGPU_XY_SRC_COPY_BLT);
		u32 rop = copy ? MVGPU_BLT_ROP_SRCCOPY : MVGPU_BLT_ROP_PATCOPY;

		FUZZ_CHECK(w->p->engine == MVGPU_ENGINE_BCS, "blit on RCS");
		FUZZ_CHECK((br13 & (MVGPU_BLT_DEPTH_MASK | MVGPU_BLT_ROP_MASK)) ==
			   (MVGPU_BLT_DEPTH_32BPP | rop) && pitch &&
			   !(pitch % 4), "blit BR13 %#x", br13);
		if (x2 <= x1 || y2 <= y1)
			return;		/* empty: writes nothing */
		FUZZ_CHECK(4 * x2 <= pitch, "blit wider than its pitch");
		FUZZ_CHECK(!(qw(w, off + 16) % 4), "blit dst alignment");
		FUZZ_CHECK(blt_rect_ok(qw(w, off + 16), pitch, x1, y1, x2, y2),
			   "blit dst outside the slices");
		if (copy) {
			u32 s = sdw(w, off + 24), spitch = sdw(w, off + 28) & 0xffff;
			u32 sx = s & 0xffff, sy = s >> 16;

			FUZZ_CHECK(spitch && !(spitch % 4) &&
				   4 * (sx + x2 - x1) <= spitch, "blit src pitch");
			FUZZ_CHECK(!(qw(w, off + 32) % 4), "blit src alignment");
			FUZZ_CHECK(blt_rect_ok(qw(w, off + 32), spitch, sx, sy,
					       sx + x2 - x1, sy + y2 - y1),
				   "blit src outside the slices");
		}
	} else if (type == MVGPU_CMD_TYPE_GFX &&
		   MVGPU_GFX_OPCODE(hdr) == MVGPU_GFX_OPCODE(MVGPU_PIPE_CONTROL)) {
		u32 flags = sdw(w, off + 4);

		FUZZ_CHECK(w->p->engine == MVGPU_ENGINE_RCS, "PIPE_CONTROL on BCS");
		if (flags & MVGPU_PC_POST_SYNC) {
			FUZZ_CHECK((flags & MVGPU_PC_POST_SYNC) ==
				   MVGPU_PC_WRITE_IMM &&
				   (flags & MVGPU_PC_GLOBAL_GTT), "PC flags");
			FUZZ_CHECK(store_ok(qw(w, off + 8), 8), "PC address");
		}
	} else if (type == MVGPU_CMD_TYPE_GFX) {
		u32 kernel = sdw(w, off + 4), count = sdw(w, off + 8);
		u64 a = qw(w, off + 12), b = qw(w, off + 20);
		u64 dst = qw(w, off + 28), bytes = 4ull * count;

		FUZZ_CHECK(w->p->engine == MVGPU_ENGINE_RCS, "COMPUTE on BCS");
		FUZZ_CHECK(count <= MVGPU_COMPUTE_MAX_COUNT, "COMPUTE count");
		if (kernel == MVGPU_KERNEL_SAXPY) {
			if (!count)
				return;
			FUZZ_CHECK(!((a | b | dst) % 4), "SAXPY alignment");
			FUZZ_CHECK(model_range_ok(a, bytes) &&
				   model_range_ok(b, bytes) &&
				   model_range_ok(dst, bytes), "SAXPY range");
		} else {
			FUZZ_CHECK(kernel == MVGPU_KERNEL_CHECKSUM, "kernel %u",
				   kernel);
			FUZZ_CHECK(!(dst % 4) && model_range_ok(dst, 4),
				   "CHECKSUM dst");
			FUZZ_CHECK(!count || model_range_ok(a, bytes),
				   "CHECKSUM src");
		}
	}
}

static void walk_buf(struct walk *w, enum level lvl, u32 start, u32 end,
		     u64 gm);

/*
 * A batch start at shadow offset @off, whose guest copy named the batch at
 * guest address @guest.
 */
static void walk_bb(struct walk *w, enum level lvl, u32 off, u64 guest)
{
	const struct mvgpu_cmd_parser *p = w->p;
	u32 hdr = sdw(w, off);
	u64 target = qw(w, off + 4);
	bool second = hdr & MVGPU_BB_SECOND_LEVEL;
	u32 boff;

	FUZZ_CHECK(lvl != SECOND, "a second-level batch starts a batch");
	FUZZ_CHECK(lvl != RING || !second, "second-level start in the ring");
	FUZZ_CHECK(!(hdr & MVGPU_BB_PPGTT), "PPGTT batch");
	FUZZ_CHECK(!(guest % 4) && model_range_ok(guest, 4),
		   "batch at %#llx", (unsigned long long)guest);
	FUZZ_CHECK(target >= p->shadow_gm && target - p->shadow_gm < p->used,
		   "batch start points at %#llx, outside the shadow",
		   (unsigned long long)target);
	boff = target - p->shadow_gm;
	FUZZ_CHECK(boff % 8 == 0 && boff >= p->ring_bytes,
		   "batch copy at shadow offset %#x", boff);
	FUZZ_CHECK(++w->batches <= MVGPU_CMD_MAX_BATCHES, "%u batches",
		   w->batches);
	walk_buf(w, second ? SECOND : FIRST, boff, p->used, guest);
}

/*
 * Walk the buffer at shadow offsets [@start, @end) whose guest copy is at
 * @gm (for the ring: see struct walk).  A batch ends at its
 * MI_BATCH_BUFFER_END, or at a chained batch start.
 */
static void walk_buf(struct walk *w, enum level lvl, u32 start, u32 end,
		     u64 gm)
{
	u32 off = start;

	for (;;) {
		const struct mvgpu_cmd_desc *d;
		u32 hdr, len, i, src_hdr;
		u64 src;

		if (lvl == RING && off == end)
			return;
		FUZZ_CHECK(off + 4 <= end, "%s runs past the used shadow",
			   lvl == RING ? "the ring" : "a batch");
		FUZZ_CHECK(++w->cmds <= MAX_WALK_CMDS, "endless execution");
		hdr = sdw(w, off);
		src = src_gm(w, lvl, gm, off - start);
		src_hdr = guest_dw(src);
		if (!hdr && !src_hdr) {		/* MI_NOOP, the common case */
			off += 4;
			continue;
		}
		d = mvgpu_cmd_lookup(hdr);
		FUZZ_CHECK(d, "unknown command %#x executes at shadow %#x", hdr,
			   off);
		FUZZ_CHECK(d->engines & BIT(w->p->engine), "%s on engine %u",
			   d->name, w->p->engine);
		FUZZ_CHECK(hdr != MVGPU_MI_USER_INTERRUPT,
			   "a user interrupt was left in the shadow");
		len = d->flags & MVGPU_CMD_F_LEN_FIELD ? MVGPU_CMD_LEN(hdr) :
							 d->min_len;
		FUZZ_CHECK(len >= d->min_len && len <= d->max_len,
			   "%s of %u dwords", d->name, len);
		FUZZ_CHECK(4 * len <= end - off, "%s truncated", d->name);
		/* The guest's command, but for the documented rewrites. */
		if (MVGPU_CMD_TYPE(src_hdr) == MVGPU_CMD_TYPE_MI &&
		    MVGPU_MI_OPCODE(src_hdr) ==
		    MVGPU_MI_OPCODE(MVGPU_MI_USER_INTERRUPT))
			FUZZ_CHECK(hdr == MVGPU_MI_NOOP, "UI became %#x", hdr);
		else
			FUZZ_CHECK(hdr == src_hdr, "header %#x, guest %#x", hdr,
				   src_hdr);
		for (i = 1; i < len; i++)
			if (!(d->flags & MVGPU_CMD_F_BB_START) || i > 2)
				FUZZ_CHECK(sdw(w, off + 4 * i) ==
					   guest_dw(src_gm(w, lvl, gm, off - start +
							   4 * i)),
					   "%s dword %u differs", d->name, i);
		check_fields(w, off, len);
		if (d->flags & MVGPU_CMD_F_BB_START) {
			/* Per dword: the ring's guest copy may wrap. */
			u64 lo = guest_dw(src_gm(w, lvl, gm, off - start + 4));
			u64 hi = guest_dw(src_gm(w, lvl, gm, off - start + 8));

			walk_bb(w, lvl, off, lo | hi << 32);
			if (lvl == FIRST && !(hdr & MVGPU_BB_SECOND_LEVEL))
				return;		/* chained: no return */
		}
		off += 4 * len;
		if ((d->flags & MVGPU_CMD_F_BB_END) && lvl != RING)
			return;
	}
}

static void check_scan(const struct mvgpu_cmd_parser *p, int ret, u64 start,
		       u32 size, u32 head, u32 tail)
{
	struct walk w = {
		.p = p, .shadow = p->shadow, .ring_gm = start,
		.ring_size = size, .head = head,
	};

	if (ret) {
		FUZZ_CHECK(ret == -EINVAL, "scan returned %d", ret);
		FUZZ_CHECK(p->error && p->error <= MVGPU_ERR_TRUNCATED &&
			   p->error != MVGPU_ERR_HANG, "error %u", p->error);
		FUZZ_CHECK(strcmp(mvgpu_cmd_error_name(p->error), "invalid"),
			   "error %u has no name", p->error);
		return;
	}
	FUZZ_CHECK(p->error == MVGPU_ERR_NONE, "accepted with error %u",
		   p->error);
	FUZZ_CHECK(p->ring_bytes == (tail - head + (tail < head ? size : 0)),
		   "ring_bytes %u for head %#x tail %#x", p->ring_bytes, head,
		   tail);
	FUZZ_CHECK(p->used >= p->ring_bytes && p->used <= p->shadow_size &&
		   p->used <= MVGPU_CMD_MAX_SHADOW, "used %u", p->used);
	walk_buf(&w, RING, 0, p->ring_bytes, 0);
	FUZZ_CHECK(w.batches == p->nr_batches, "walked %u batches, parser %u",
		   w.batches, p->nr_batches);
}

#ifdef FUZZ_EXEC
#include "fuzz_cmd_exec.h"
#else
static void exec_init(void)
{
}

static void exec_shadow(const struct mvgpu_cmd_parser *p)
{
}
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Pages: the executor reaches both through a GGTT. */
	gm_mem = (u8 *)alloc_pages(GFP_KERNEL | __GFP_ZERO,
				   ilog2(FZ_GM_SIZE / PAGE_SIZE));
	shadow_buf = (u8 *)alloc_pages(GFP_KERNEL,
				       ilog2(MVGPU_CMD_MAX_SHADOW / PAGE_SIZE));
	if (!gm_mem || !shadow_buf)
		return 1;
	exec_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_cp_hdr h = { 0 };
	struct mvgpu_cmd_parser p = { 0 };
	u32 ring_size, head, tail, shadow_size;
	u64 ring_start;
	size_t payload;
	int ret;

	shim_begin();
	memcpy(&h, data, min(size, sizeof(h)));
	payload = size > sizeof(h) ? min(size - sizeof(h), (size_t)FZ_GM_SIZE) : 0;
	memset(gm_mem, 0, gm_dirty);
	memcpy(gm_mem, data + sizeof(h), payload);
	gm_dirty = payload;
	gm_holes = h.flags & FZ_CP_HOLES ? h.holes : 0;

	ring_start = FZ_GM_BASE + ((u64)(h.ring_page % FZ_GM_PAGES) << 12);
	ring_size = ((h.ring_pages % 1024) + 1) << 12;
	head = h.head;
	tail = h.tail;
	if (!(h.flags & FZ_CP_RAW_RING)) {
		head = head % ring_size & ~3u;
		tail = tail % ring_size & ~7u;
	}
	shadow_size = MVGPU_CMD_MAX_SHADOW;
	if (h.flags & FZ_CP_SMALL_SHADOW)
		shadow_size = (h.shadow_size % (MVGPU_CMD_MAX_SHADOW + 1)) & ~7u;

	p.engine = h.engine % (MVGPU_NUM_ENGINES + 1);
	if (p.engine == MVGPU_NUM_ENGINES)
		p.engine = MVGPU_ENGINE_RCS;
	p.mem = &fake_mem;
	/*
	 * The shadow (8-aligned, as the engine's page-aligned one) ends where
	 * its allocation does: ASan sees overruns.  The engine sees the
	 * allocation at FZ_SHADOW_GM.
	 */
	p.shadow = shadow_buf + MVGPU_CMD_MAX_SHADOW - shadow_size;
	p.shadow_gm = FZ_SHADOW_GM + (MVGPU_CMD_MAX_SHADOW - shadow_size);
	p.shadow_size = shadow_size;

	ret = mvgpu_cmd_scan_ring(&p, ring_start, ring_size, head, tail);
	if (shim_verbose)
		fprintf(stderr, "scan: %d %s at %#x of %#llx; %u cmds, %u batches, %u bytes\n",
			ret, mvgpu_cmd_error_name(p.error), p.error_offset,
			(unsigned long long)p.error_buf, p.nr_cmds, p.nr_batches,
			p.used);
	check_scan(&p, ret, ring_start, ring_size, head, tail);
	if (!ret)
		exec_shadow(&p);
	shim_end();
	return 0;
}
