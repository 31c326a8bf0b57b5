// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command parser: shadows a ring segment and every batch buffer it
 * reaches, decodes each command through core/cmd_table.c and audits it.
 *
 * The shadow after a successful scan:
 *
 *   [0, ring_bytes)     the ring segment head..tail, unwrapped
 *   then, 8-aligned     one copy per batch buffer reached, in scan order
 *
 * Every MI_BATCH_BUFFER_START in the shadow points at the copy of its
 * batch, so the engine executes scanned bytes only.  Commands are decoded
 * from the shadow, never from guest memory: a guest that rewrites a batch
 * after submitting it changes nothing the engine runs.
 *
 * Scan order: the ring in order; at a BB_START in the ring, the first-level
 * batch, then the second-level batches it calls, in order, then the batch
 * it chains to (and its calls), and so on until a batch ends; then the
 * rest of the ring.  A batch is copied in chunks that double from one page
 * up to CHUNK_MAX and is decoded as the chunks arrive.  The first
 * violation in that order rejects the whole submission.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/sizes.h>
#include <linux/unaligned.h>
#include <linux/wordpart.h>
#include <kunit/visibility.h>

#include "core/cmd_parser.h"
#include "core/cmd_table.h"

#define RING_SIZE_MIN	SZ_4K
#define RING_SIZE_MAX	SZ_2M
#define RING_ALIGN	SZ_4K
#define GM_PAGE		BIT_ULL(MVGPU_GTT_PAGE_SHIFT)
#define CHUNK_MIN	SZ_4K
#define CHUNK_MAX	SZ_64K
#define BATCH_ALIGN	8

enum cmd_level {
	LEVEL_RING,
	LEVEL_FIRST,	/* a batch started from the ring, or chained to */
	LEVEL_SECOND,	/* a batch called from a first-level batch */
};

/* Why decode() stopped, when it did not fail. */
enum cmd_stop {
	STOP_NEED,	/* the next command is not completely copied */
	STOP_BB_END,	/* the batch ended */
	STOP_BB_START,	/* a batch buffer start, at cmd_buf.bb */
};

/**
 * struct cmd_buf - a buffer being decoded from its shadow copy
 * @cmd: the copy in the shadow
 * @gm: guest address of the buffer (the ring start for the ring)
 * @off: byte offset of @cmd in the shadow
 * @pos: next command, in bytes from @cmd
 * @avail: bytes copied so far
 * @need: after STOP_NEED: bytes that must be copied to go on
 * @bb: after STOP_BB_START: offset of the command
 * @head: ring only: offset in the guest ring of @cmd[0]
 * @size: ring only: the ring's size
 * @level: ring, first or second level
 * @ppgtt: a PPGTT batch: fetched through the ring's address space, and
 *	its operands are addresses of that space
 */
struct cmd_buf {
	__le32 *cmd;
	u64 gm;
	u32 off;
	u32 pos;
	u32 avail;
	u32 need;
	u32 bb;
	u32 head;
	u32 size;
	enum cmd_level level;
	bool ppgtt;
};

/**
 * struct cmd_scan - state of one mvgpu_cmd_scan_ring()
 * @p: the caller's parser
 * @shadow_size: usable bytes of shadow
 * @reached: batches reached so far
 * @nr_calls: entries in @calls
 * @calls: offsets of the second-level BB_STARTs of the first-level batch
 *	being scanned; they are shadowed once that batch ends
 */
struct cmd_scan {
	struct mvgpu_cmd_parser *p;
	u32 shadow_size;
	u32 reached;
	u32 nr_calls;
	u32 calls[MVGPU_CMD_MAX_BATCHES];
};

/* Record a violation at @pos in @b. */
static int scan_fail(struct cmd_scan *s, const struct cmd_buf *b, u32 pos,
		     u32 error)
{
	struct mvgpu_cmd_parser *p = s->p;

	if (b->level == LEVEL_RING) {
		pos += b->head;
		if (pos >= b->size)
			pos -= b->size;
	}
	p->error = error;
	p->error_offset = pos;
	p->error_buf = b->gm;
	return -EINVAL;
}

/*
 * Level rules of a BB_START with header @hdr found in @b, and the batch
 * budget; the handler checks the fields afterwards.
 */
static u32 bb_start_rules(struct cmd_scan *s, const struct cmd_buf *b,
			  u32 hdr)
{
	if (b->level == LEVEL_SECOND)
		return MVGPU_ERR_NESTING;
	if (b->level == LEVEL_RING && (hdr & MVGPU_BB_SECOND_LEVEL))
		return MVGPU_ERR_BAD_FIELD;
	if (s->reached == MVGPU_CMD_MAX_BATCHES)
		return MVGPU_ERR_NESTING;
	s->reached++;
	return MVGPU_ERR_NONE;
}

/*
 * Decode the commands of @b from @b->pos on, up to @b->avail.  Return a
 * STOP_* code, or -EINVAL with the violation recorded.
 */
static int decode(struct cmd_scan *s, struct cmd_buf *b)
{
	struct mvgpu_cmd_parser *p = s->p;
	const u32 engine = BIT(p->engine);
	__le32 *cmd = b->cmd;
	u32 pos = b->pos, avail = b->avail, nr = 0;
	int ret;

	p->ppgtt = b->ppgtt;
	p->in_batch = b->level != LEVEL_RING;
	for (;;) {
		const struct mvgpu_cmd_desc *d;
		u32 hdr, len, err;

		if (pos == avail) {
			b->need = pos + 4;
			ret = STOP_NEED;
			break;
		}
		/* MI_NOOP fast path: padding comes in runs; skip qwords. */
		if (!cmd[pos / 4]) {
			u32 start = pos;

			pos += 4;
			while (avail - pos >= 8 &&
			       !get_unaligned((const u64 *)&cmd[pos / 4]))
				pos += 8;
			while (pos < avail && !cmd[pos / 4])
				pos += 4;
			nr += (pos - start) / 4;
			if (p->starts)
				bitmap_set(p->starts, (b->off + start) / 4,
					   (pos - start) / 4);
			continue;
		}

		hdr = le32_to_cpu(cmd[pos / 4]);
		d = mvgpu_cmd_lookup(hdr);
		if (unlikely(!d)) {
			ret = scan_fail(s, b, pos, MVGPU_ERR_UNKNOWN_OPCODE);
			break;
		}
		if (unlikely(!(d->engines & engine))) {
			ret = scan_fail(s, b, pos, MVGPU_ERR_WRONG_ENGINE);
			break;
		}
		len = d->flags & MVGPU_CMD_F_LEN_FIELD ? MVGPU_CMD_LEN(hdr) :
							 d->min_len;
		if (unlikely(len < d->min_len || len > d->max_len)) {
			ret = scan_fail(s, b, pos, MVGPU_ERR_BAD_FIELD);
			break;
		}
		if (4 * len > avail - pos) {
			b->need = pos + 4 * len;
			ret = STOP_NEED;
			break;
		}

		err = MVGPU_ERR_NONE;
		if (d->flags & MVGPU_CMD_F_BB_START)
			err = bb_start_rules(s, b, hdr);
		if (!err && d->handler)
			err = d->handler(p, &cmd[pos / 4], len);
		if (unlikely(err)) {
			/* An address space to shadow first: no verdict. */
			ret = err == MVGPU_CMD_AGAIN ? -EAGAIN :
						       scan_fail(s, b, pos, err);
			break;
		}
		nr++;
		if (p->starts)
			__set_bit((b->off + pos) / 4, p->starts);
		if (d->flags & MVGPU_CMD_F_BB_START) {
			b->bb = pos;
			pos += 4 * len;
			ret = STOP_BB_START;
			break;
		}
		pos += 4 * len;
		if ((d->flags & MVGPU_CMD_F_BB_END) && b->level != LEVEL_RING) {
			ret = STOP_BB_END;
			break;
		}
	}
	b->pos = pos;
	p->nr_cmds += nr;
	return ret;
}

/* Append bytes [@b->avail, @end) of batch @b to its copy. */
static int batch_read(struct cmd_scan *s, struct cmd_buf *b, u32 end)
{
	struct mvgpu_cmd_parser *p = s->p;
	u64 gm = b->gm + b->avail;
	u32 len = end - b->avail;
	void *dst = (void *)b->cmd + b->avail;

	if (gm < b->gm)
		return -EFAULT;
	if (b->ppgtt) {
		if (p->mem->as_read(p->priv, p->as, gm, dst, len))
			return -EFAULT;
	} else if (!mvgpu_cmd_gm_ok(p, gm, len) ||
		   p->mem->read(p->priv, gm, dst, len)) {
		return -EFAULT;
	}
	b->avail = end;
	return 0;
}

/* Bytes of @b up to guest address @end, within [@b->need, @limit]. */
static u32 fetch_len(const struct cmd_buf *b, u64 end, u32 limit)
{
	if (end <= b->gm)
		return b->need;
	return clamp_t(u64, end - b->gm, b->need, limit);
}

/*
 * Copy at least @b->need bytes of batch @b.  The chunk doubles from one
 * page up to CHUNK_MAX and ends on a guest page boundary.  When it reaches
 * past the vGPU's memory (the batch may end just before), retry with the
 * page that holds the end of the needed bytes, then with these bytes only.
 */
static int batch_fetch(struct cmd_scan *s, struct cmd_buf *b)
{
	u32 room = b->off < s->shadow_size ? s->shadow_size - b->off : 0;
	u32 limit = min(room, MVGPU_CMD_MAX_BATCH);
	u32 chunk = clamp_t(u32, b->avail, CHUNK_MIN, CHUNK_MAX);
	u32 want[3], tried = U32_MAX;
	unsigned int i;

	if (b->need > MVGPU_CMD_MAX_BATCH)
		return scan_fail(s, b, b->pos, MVGPU_ERR_UNTERMINATED);
	if (b->need > room)
		return scan_fail(s, b, b->pos, MVGPU_ERR_TOO_LARGE);

	want[0] = fetch_len(b, round_down(b->gm + b->avail + chunk, GM_PAGE),
			    limit);
	want[1] = fetch_len(b, round_up(b->gm + b->need, GM_PAGE), limit);
	want[2] = b->need;
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		/* A longer read than one that failed fails too. */
		if (want[i] >= tried)
			continue;
		if (!batch_read(s, b, want[i]))
			return 0;
		tried = want[i];
	}
	return scan_fail(s, b, b->pos, MVGPU_ERR_ADDRESS);
}

/*
 * Shadow the batch at @b->gm (8-aligned after the shadow's used bytes),
 * decoding it as it is copied.  A first-level batch records its calls in
 * @s->calls.  Return STOP_BB_END, STOP_BB_START for a chained batch, or
 * -EINVAL.
 */
static int batch_shadow(struct cmd_scan *s, struct cmd_buf *b)
{
	struct mvgpu_cmd_parser *p = s->p;
	int ret;

	b->off = ALIGN(p->used, BATCH_ALIGN);
	b->cmd = p->shadow + b->off;
	b->pos = 0;
	b->avail = 0;
	for (;;) {
		ret = decode(s, b);
		if (ret == STOP_NEED) {
			ret = batch_fetch(s, b);
			if (ret)
				return ret;
			continue;
		}
		if (ret == STOP_BB_START &&
		    (le32_to_cpu(b->cmd[b->bb / 4]) & MVGPU_BB_SECOND_LEVEL)) {
			s->calls[s->nr_calls++] = b->bb;
			continue;
		}
		break;
	}
	if (ret < 0)
		return ret;
	p->used = b->off + b->pos;
	if (p->copies && p->nr_copies < MVGPU_CMD_MAX_BATCHES)
		p->copies[p->nr_copies++] = (struct mvgpu_cmd_copy){
			.off = b->off, .len = b->pos, .ppgtt = b->ppgtt,
			.root = b->ppgtt ? p->pml4 : 0,
		};
	return ret;
}

/* Point the shadow BB_START @bb at the batch copy at shadow offset @off. */
static void bb_rewrite(const struct mvgpu_cmd_parser *p, __le32 *bb, u32 off)
{
	u64 gm = p->shadow_gm + off;

	bb[1] = cpu_to_le32(lower_32_bits(gm));
	bb[2] = cpu_to_le32(upper_32_bits(gm));
}

/*
 * Shadow the first-level batch started by @bb (a BB_START in the ring's
 * copy), the batches it calls and the batches it chains to.
 */
static int shadow_from_ring(struct cmd_scan *s, __le32 *bb)
{
	struct mvgpu_cmd_parser *p = s->p;
	struct cmd_buf first = { .level = LEVEL_FIRST };
	int ret;

	do {
		struct cmd_buf second = { .level = LEVEL_SECOND };
		unsigned int i;

		first.gm = mvgpu_cmd_qw(bb, 1);
		first.ppgtt = le32_to_cpu(bb[0]) & MVGPU_BB_PPGTT;
		s->nr_calls = 0;
		ret = batch_shadow(s, &first);
		if (ret < 0)
			return ret;
		bb_rewrite(p, bb, first.off);
		p->nr_batches++;

		for (i = 0; i < s->nr_calls; i++) {
			__le32 *call = &first.cmd[s->calls[i] / 4];
			int err;

			second.gm = mvgpu_cmd_qw(call, 1);
			second.ppgtt = le32_to_cpu(call[0]) & MVGPU_BB_PPGTT;
			err = batch_shadow(s, &second);
			if (err < 0)
				return err;
			bb_rewrite(p, call, second.off);
			p->nr_batches++;
		}
		bb = &first.cmd[first.bb / 4];
	} while (ret == STOP_BB_START);
	return 0;
}

static bool ring_valid(const struct mvgpu_cmd_parser *p, u64 start, u32 size,
		       u32 head, u32 tail)
{
	return size >= RING_SIZE_MIN && size <= RING_SIZE_MAX &&
	       IS_ALIGNED(size, RING_SIZE_MIN) && IS_ALIGNED(start, RING_ALIGN) &&
	       head < size && IS_ALIGNED(head, 4) &&
	       tail < size && IS_ALIGNED(tail, 8) &&
	       mvgpu_cmd_gm_ok(p, start, size);
}

/* Copy the ring segment @ring->head..@tail to the start of the shadow. */
static int ring_copy(struct cmd_scan *s, struct cmd_buf *ring, u32 tail)
{
	struct mvgpu_cmd_parser *p = s->p;
	u32 head = ring->head;
	u32 first = tail >= head ? tail - head : ring->size - head;
	u32 bytes = tail >= head ? first : first + tail;

	if (bytes > s->shadow_size)
		return scan_fail(s, ring, 0, MVGPU_ERR_TOO_LARGE);
	if (p->mem->read(p->priv, ring->gm + head, ring->cmd, first))
		return scan_fail(s, ring, 0, MVGPU_ERR_ADDRESS);
	if (bytes > first &&
	    p->mem->read(p->priv, ring->gm, (void *)ring->cmd + first, tail))
		return scan_fail(s, ring, first, MVGPU_ERR_ADDRESS);
	ring->avail = bytes;
	p->ring_bytes = bytes;
	p->used = bytes;
	return 0;
}

/**
 * mvgpu_cmd_scan_ring() - shadow and audit one ring submission
 * @p: the parser: @p->engine, @p->mem, @p->priv and the shadow buffer
 *	(@p->shadow, @p->shadow_gm, @p->shadow_size) set by the caller; the
 *	outputs are reset here
 * @ring_start: graphics address of the guest ring (4 KiB aligned)
 * @ring_size: bytes in the ring: a multiple of 4 KiB from 4 KiB to 2 MiB
 * @head: offset in the ring of the first command (dword aligned)
 * @tail: offset in the ring where the commands end (qword aligned)
 *
 * Copies the segment @head..@tail of the ring (wrapping at @ring_size when
 * @tail < @head; empty when they are equal) to the start of the shadow,
 * then decodes it from the copy through the command table.  Each command
 * must be known, allowed on @p->engine, of a valid length and must pass
 * its field and address checks.  Each MI_USER_INTERRUPT becomes MI_NOOP
 * in the shadow and is counted in @p->user_interrupts.  MI_BATCH_BUFFER_END
 * in the ring is a no-op.
 *
 * Each MI_BATCH_BUFFER_START reaches a batch buffer, which is copied to
 * the shadow behind what is used, decoded from the copy as it arrives,
 * and the BB_START in the shadow is rewritten to @p->shadow_gm plus the
 * copy's offset.  From the ring, a BB_START starts a first-level batch
 * (the second-level bit is refused); a BB_START in a first-level batch
 * either chains to another first-level batch (which ends the current one)
 * or, with the second-level bit, calls a second-level batch that returns
 * after the call.  A second-level batch may not start another batch.  A
 * scan reaches at most %MVGPU_CMD_MAX_BATCHES batches, each at most
 * %MVGPU_CMD_MAX_BATCH bytes long, within at most @p->shadow_size (and
 * %MVGPU_CMD_MAX_SHADOW) bytes of shadow in all.
 *
 * Per-process address spaces: an MI_LOAD_REGISTER_IMM in the ring that
 * writes both halves of the engine's PML4 register binds the address
 * space of that root (@p->mem->as_bind) and its values are rewritten to
 * the root of the space's shadow; a BB_START with MVGPU_BB_PPGTT reaches
 * a batch at an address of the space bound last in this ring segment (it
 * is refused when there is none), fetched through @p->mem->as_read, and
 * the memory operands of its commands without a GGTT bit are not
 * audited: the shadow confines them to the vGPU's memory.  Loading PML4
 * from a batch is refused.  @p->pml4 is the last root loaded and
 * @p->tlb_invalidate says whether a command invalidates the TLB.
 *
 * On a violation the error code, the offset of the offending command in
 * its buffer (for the ring: the offset in the guest ring, i.e. from
 * @ring_start) and that buffer's graphics address are stored in @p; the
 * other outputs and the shadow's content are then unspecified.  A ring
 * whose registers are invalid (size, alignment, @head or @tail beyond the
 * ring, or the ring outside the vGPU's memory) is reported as
 * MVGPU_ERR_BAD_RING at offset @head of @ring_start.
 *
 * Context: any; does not sleep unless @p->mem does.
 * Return: 0 when the shadow may execute (@p->ring_bytes from
 * @p->shadow_gm), -EINVAL when the submission is rejected, -EAGAIN when
 * the address space of root @p->want_root must be shadowed before the
 * scan can be done again.
 */
int mvgpu_cmd_scan_ring(struct mvgpu_cmd_parser *p, u64 ring_start,
			u32 ring_size, u32 head, u32 tail)
{
	struct cmd_scan s = {
		.p = p,
		.shadow_size = min(p->shadow_size, MVGPU_CMD_MAX_SHADOW),
	};
	struct cmd_buf ring = {
		.cmd = p->shadow,
		.gm = ring_start,
		.head = head,
		.size = ring_size,
		.level = LEVEL_RING,
	};
	int ret;

	p->used = 0;
	p->ring_bytes = 0;
	p->user_interrupts = 0;
	p->nr_batches = 0;
	p->nr_cmds = 0;
	p->error = MVGPU_ERR_NONE;
	p->error_offset = 0;
	p->error_buf = 0;
	p->pml4 = 0;
	p->want_root = 0;
	p->nr_roots = 0;
	p->tlb_invalidate = false;
	p->nr_copies = 0;
	if (p->starts)
		bitmap_zero(p->starts, MVGPU_CMD_STARTS_BITS);
	p->as = NULL;
	p->ppgtt = false;
	p->in_batch = false;

	if (WARN_ON_ONCE(p->engine >= MVGPU_NUM_ENGINES) ||
	    !ring_valid(p, ring_start, ring_size, head, tail)) {
		p->error = MVGPU_ERR_BAD_RING;
		p->error_offset = head;
		p->error_buf = ring_start;
		return -EINVAL;
	}
	if (head == tail)
		return 0;
	ret = ring_copy(&s, &ring, tail);
	if (ret)
		return ret;

	for (;;) {
		ret = decode(&s, &ring);
		if (ret != STOP_BB_START)
			break;
		ret = shadow_from_ring(&s, &ring.cmd[ring.bb / 4]);
		if (ret)
			return ret;
	}
	if (ret < 0)
		return ret;
	if (ring.pos != ring.avail)
		return scan_fail(&s, &ring, ring.pos, MVGPU_ERR_TRUNCATED);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_cmd_scan_ring);

static const char *const error_names[] = MVGPU_ERR_NAMES;

/**
 * mvgpu_cmd_error_name() - short name of an MVGPU_ERR_* code for logs and
 *	debugfs (the core's and the backend's)
 * @error: MVGPU_ERR_*
 *
 * Return: a static string, "invalid" for codes without a name.
 */
const char *mvgpu_cmd_error_name(u32 error)
{
	if (error >= ARRAY_SIZE(error_names) || !error_names[error])
		return "invalid";
	return error_names[error];
}
EXPORT_SYMBOL_NS_GPL(mvgpu_cmd_error_name, MVGPU);
