// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of vGPU state save and restore (core/migrate.c): a stream
 * saved from one vGPU loads into another with the same registers, config
 * space, GTT entries, interrupt, display and scheduling state; the header
 * refuses incompatible destinations; every corruption of the body is
 * refused and leaves the destination reset and usable; a stopped vGPU
 * latches its interrupts until it runs.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/mvgpu_mig.h>
#include <linux/pci_regs.h>
#include <linux/unaligned.h>

#include "mvgpu_drv.h"
#include "core/migrate.h"
#include "core/sched.h"
#include "tests/test_util.h"

#define GTT(gidx)	(MVGPU_GTT_OFFSET + 8 * (gidx))
#define AP_IDX		(0x4000000u >> 12)	/* the test vGPU's slices */
#define HIDDEN_IDX	(0x30000000u >> 12)
#define GT0		MVGPU_IRQ_BANK_GT0
#define PTE(frame)	(((u64)(frame) << 12) | MVGPU_GTT_PTE_PRESENT)

struct mig_test {
	struct mvgpu_test_pgpu *tp[2];
	struct mvgpu_vgpu *src;
	struct mvgpu_vgpu *dst;
	u8 *stream;
	size_t len;
};

static struct mvgpu_vgpu *new_vgpu(struct kunit *test,
				   struct mvgpu_test_pgpu **out, int id)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_ggtt_vgpu(test, out);

	vgpu->id = id;
	/* Config space and PV info page as a pGPU's vGPU has them. */
	mvgpu_vgpu_reset(vgpu);
	mutex_lock(&vgpu->lock);
	vgpu->pv_seen = true;
	mutex_unlock(&vgpu->lock);
	return vgpu;
}

static void wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off, u32 val)
{
	mvgpu_test_wr(test, vgpu, off, val);
}

static u32 rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off)
{
	return mvgpu_test_rd(test, vgpu, off);
}

static void gtt_wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 gidx,
		   u64 pte)
{
	__le64 v = cpu_to_le64(pte);

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(gidx), &v, 8), 0);
}

static u64 gtt_rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 gidx)
{
	__le64 v = 0;

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, GTT(gidx), &v, 8), 0);
	return le64_to_cpu(v);
}

/* Guest-visible state worth comparing, set on @vgpu. */
static void dirty_up(struct kunit *test, struct mvgpu_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_SWF; i++)
		wr(test, vgpu, MVGPU_REG_SWF(i), 0x5a000000 + i);
	wr(test, vgpu, MVGPU_RING_START(MVGPU_RENDER_RING_BASE), 0x4010000);
	wr(test, vgpu, MVGPU_RING_HWS_PGA(MVGPU_BLT_RING_BASE), 0x4020000);
	wr(test, vgpu, MVGPU_IRQ_IMR(GT0), 0);
	wr(test, vgpu, MVGPU_IRQ_IER(GT0), MVGPU_GT0_USER_INTERRUPT(0));
	wr(test, vgpu, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	wr(test, vgpu, MVGPU_DSPSTRIDE(0), 4096);
	/* Entries in both slices, a run of three, one the GTT refused. */
	gtt_wr(test, vgpu, AP_IDX, PTE(1));
	gtt_wr(test, vgpu, AP_IDX + 1, PTE(2));
	gtt_wr(test, vgpu, AP_IDX + 2, PTE(3));
	gtt_wr(test, vgpu, AP_IDX + 40, PTE(9));	/* no page behind */
	gtt_wr(test, vgpu, HIDDEN_IDX + 7, PTE(5));
	/* An interrupt pending and signalled. */
	mutex_lock(&vgpu->lock);
	mvgpu_irq_raise(vgpu, GT0, MVGPU_GT0_USER_INTERRUPT(0));
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_weight_all(vgpu, 7), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_sched_set_cap_all(vgpu, 40), 0);
	/* Config space: memory decoding and bus mastering, as a BIOS sets. */
	{
		__le16 cmd = cpu_to_le16(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);

		KUNIT_EXPECT_EQ(test, mvgpu_cfg_write(&vgpu->cfg, PCI_COMMAND,
						      &cmd, 2), 0);
	}
}

static void save(struct kunit *test, struct mig_test *t)
{
	struct mvgpu_mig_buf hdr = {}, body = {};

	KUNIT_ASSERT_EQ(test, mvgpu_mig_save_header(t->src, &hdr), 0);
	KUNIT_ASSERT_EQ(test, hdr.len, mvgpu_mig_header_len());
	mvgpu_vgpu_stop(t->src);
	KUNIT_ASSERT_EQ(test, mvgpu_mig_save_body(t->src, &body), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_size(t->src), hdr.len + body.len);
	KUNIT_EXPECT_LE(test, hdr.len + body.len, mvgpu_mig_max_size(t->src));
	t->len = hdr.len + body.len;
	t->stream = kunit_kzalloc(test, t->len + 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->stream);
	memcpy(t->stream, hdr.data, hdr.len);
	memcpy(t->stream + hdr.len, body.data, body.len);
	mvgpu_mig_buf_free(&hdr);
	mvgpu_mig_buf_free(&body);
	KUNIT_EXPECT_NULL(test, body.data);
}

static void setup(struct kunit *test, struct mig_test *t)
{
	t->src = new_vgpu(test, &t->tp[0], 3);
	t->dst = new_vgpu(test, &t->tp[1], 5);
	dirty_up(test, t->src);
	save(test, t);
	mvgpu_vgpu_stop(t->dst);
}

static void mig_roundtrip(struct kunit *test)
{
	struct mig_test t = {};
	unsigned int i, k;

	setup(test, &t);
	KUNIT_ASSERT_EQ(test, mvgpu_mig_load(t.dst, t.stream, t.len), 0);

	/* Every register the guest reads, but the vGPU's own id. */
	for (i = 0; i < mvgpu_reg_table_size; i++) {
		const struct mvgpu_reg_desc *r = &mvgpu_reg_table[i];

		for (k = 0; k < r->count; k++) {
			u32 off = r->offset + 4 * k;

			if (off == MVGPU_PVINFO_OFFSET + MVGPU_PV_VGPU_ID ||
			    off == MVGPU_RING_TIMESTAMP(MVGPU_RENDER_RING_BASE) ||
			    off == MVGPU_RING_TIMESTAMP(MVGPU_BLT_RING_BASE) ||
			    off == MVGPU_RING_TIMESTAMP(MVGPU_RENDER_RING_BASE) + 4 ||
			    off == MVGPU_RING_TIMESTAMP(MVGPU_BLT_RING_BASE) + 4)
				continue;
			KUNIT_EXPECT_EQ_MSG(test, rd(test, t.dst, off),
					    rd(test, t.src, off), "%s[%u]",
					    r->name, k);
		}
	}
	KUNIT_EXPECT_EQ(test, rd(test, t.dst, MVGPU_PVINFO_OFFSET +
				 MVGPU_PV_VGPU_ID), 5);
	KUNIT_EXPECT_EQ(test, rd(test, t.dst, MVGPU_REG_SWF(3)), 0x5a000003);

	/* GTT entries as the guest wrote them, translated again. */
	for (i = 0; i < 64; i++) {
		KUNIT_EXPECT_EQ(test, gtt_rd(test, t.dst, AP_IDX + i),
				gtt_rd(test, t.src, AP_IDX + i));
		KUNIT_EXPECT_EQ(test, gtt_rd(test, t.dst, HIDDEN_IDX + i),
				gtt_rd(test, t.src, HIDDEN_IDX + i));
	}
	KUNIT_EXPECT_EQ(test, gtt_rd(test, t.dst, AP_IDX + 1), PTE(2));
	down_read(&t.dst->gtt.ap_sem);
	KUNIT_EXPECT_NOT_NULL(test, mvgpu_gtt_aperture_page(t.dst, 4096));
	up_read(&t.dst->gtt.ap_sem);
	KUNIT_EXPECT_EQ(test, t.tp[1]->pins[2], t.tp[0]->pins[2]);

	KUNIT_EXPECT_MEMEQ(test, t.dst->cfg.data, t.src->cfg.data,
			   MVGPU_CFG_SIZE);
	KUNIT_EXPECT_TRUE(test, t.dst->irq.asserted);
	KUNIT_EXPECT_EQ(test, t.dst->engines[0].sched.se.weight, 7);
	KUNIT_EXPECT_EQ(test, t.dst->engines[1].sched.se.cap, 40);
	KUNIT_EXPECT_TRUE(test, t.dst->pv_seen);

	/* Running again gives no second edge: the line was high already. */
	i = t.dst->irq.edges;
	mvgpu_vgpu_run(t.dst);
	KUNIT_EXPECT_EQ(test, t.dst->irq.edges, i);
	mvgpu_vgpu_run(t.src);
}

/* A stopped vGPU latches; running delivers the edge. */
static void mig_stop_latches_irq(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = new_vgpu(test, &tp, 3);
	u64 edges;

	wr(test, vgpu, MVGPU_IRQ_IMR(GT0), 0);
	wr(test, vgpu, MVGPU_IRQ_IER(GT0), ~0u & MVGPU_GT0_VALID_MASK);
	wr(test, vgpu, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	edges = vgpu->irq.edges;
	mvgpu_vgpu_stop(vgpu);
	mvgpu_vgpu_stop(vgpu);	/* nests */
	mutex_lock(&vgpu->lock);
	mvgpu_irq_raise(vgpu, GT0, MVGPU_GT0_USER_INTERRUPT(0));
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, edges);
	KUNIT_EXPECT_FALSE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_IRQ_IIR(GT0)),
			MVGPU_GT0_USER_INTERRUPT(0));
	mvgpu_vgpu_run(vgpu);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, edges);
	mvgpu_vgpu_run(vgpu);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, edges + 1);
	KUNIT_EXPECT_TRUE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, vgpu->stopped, 0u);
}

/* ---- header -------------------------------------------------------------- */

static struct mvgpu_mig_header *hdr_of(struct mig_test *t)
{
	return (struct mvgpu_mig_header *)t->stream;
}

static void expect_refused(struct kunit *test, struct mig_test *t, int err,
			   const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, mvgpu_mig_load(t->dst, t->stream, t->len),
			    err, "%s", what);
	/* Reset, and usable: registers at reset values, writes work. */
	KUNIT_EXPECT_EQ_MSG(test, rd(test, t->dst, MVGPU_REG_SWF(3)), 0u,
			    "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, gtt_rd(test, t->dst, AP_IDX + 1), 0ull,
			    "%s", what);
	wr(test, t->dst, MVGPU_REG_SWF(1), 0x77);
	KUNIT_EXPECT_EQ(test, rd(test, t->dst, MVGPU_REG_SWF(1)), 0x77u);
}

static void mig_header_refusals(struct kunit *test)
{
	struct mig_test t = {};
	struct mvgpu_mig_header good;

	setup(test, &t);
	good = *hdr_of(&t);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_check_header(t.dst, t.stream,
						     t.len), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_check_header(t.dst, t.stream,
						     sizeof(good) - 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_check_header(t.dst, NULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_load(t.dst, NULL, 0), -EINVAL);

	hdr_of(&t)->magic ^= cpu_to_le64(1);
	expect_refused(test, &t, -EINVAL, "magic");
	*hdr_of(&t) = good;
	le16_add_cpu(&hdr_of(&t)->major, 1);
	expect_refused(test, &t, -EOPNOTSUPP, "major");
	*hdr_of(&t) = good;
	hdr_of(&t)->features |= cpu_to_le32(BIT(20));
	expect_refused(test, &t, -EOPNOTSUPP, "features");
	*hdr_of(&t) = good;
	hdr_of(&t)->type[1] = 'X';
	expect_refused(test, &t, -EOPNOTSUPP, "type");
	*hdr_of(&t) = good;
	hdr_of(&t)->engine_mask = cpu_to_le32(1);
	expect_refused(test, &t, -EOPNOTSUPP, "engines");
	*hdr_of(&t) = good;
	le64_add_cpu(&hdr_of(&t)->aperture_base, SZ_1M);
	expect_refused(test, &t, -EOPNOTSUPP, "placement");
	*hdr_of(&t) = good;
	le64_add_cpu(&hdr_of(&t)->hidden_size, SZ_1M);
	expect_refused(test, &t, -EOPNOTSUPP, "hidden size");
	*hdr_of(&t) = good;
	hdr_of(&t)->header_size = cpu_to_le32(8);
	expect_refused(test, &t, -EINVAL, "header size");

	/* A destination placed elsewhere refuses the good header too. */
	*hdr_of(&t) = good;
	t.dst->aperture.start += SZ_1M;
	KUNIT_EXPECT_EQ(test, mvgpu_mig_check_header(t.dst, t.stream, t.len),
			-EOPNOTSUPP);
	t.dst->aperture.start -= SZ_1M;

	/* A newer minor loads. */
	le16_add_cpu(&hdr_of(&t)->minor, 1);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_load(t.dst, t.stream, t.len), 0);
	KUNIT_EXPECT_EQ(test, rd(test, t.dst, MVGPU_REG_SWF(3)), 0x5a000003);
	mvgpu_vgpu_run(t.dst);
	mvgpu_vgpu_run(t.src);
}

/* ---- body ---------------------------------------------------------------- */

/* The payload of the first section @id, and its size. */
static u8 *find_sec(struct mig_test *t, u32 id, size_t *size)
{
	size_t off = le32_to_cpu(hdr_of(t)->header_size);

	while (off + sizeof(struct mvgpu_mig_section) <= t->len) {
		struct mvgpu_mig_section *s = (void *)(t->stream + off);

		off += sizeof(*s);
		if (le32_to_cpu(s->id) == id) {
			*size = le64_to_cpu(s->size);
			return t->stream + off;
		}
		off += le64_to_cpu(s->size);
	}
	return NULL;
}

static struct mvgpu_mig_reg *find_reg(struct mig_test *t, u32 offset)
{
	struct mvgpu_mig_reg *r;
	size_t size, i;

	r = (void *)find_sec(t, MVGPU_MIG_SEC_REGS, &size);
	for (i = 0; r && i < size / sizeof(*r); i++)
		if (le32_to_cpu(r[i].offset) == offset)
			return &r[i];
	return NULL;
}

static void try_cut(struct kunit *test, struct mig_test *t, size_t cut)
{
	KUNIT_EXPECT_LT_MSG(test, mvgpu_mig_load(t->dst, t->stream, cut), 0,
			    "cut at %zu of %zu", cut, t->len);
}

static void mig_truncated(struct kunit *test)
{
	struct mig_test t = {};
	size_t off, hs;

	setup(test, &t);
	hs = le32_to_cpu(hdr_of(&t)->header_size);
	try_cut(test, &t, 0);
	try_cut(test, &t, 1);
	try_cut(test, &t, hs - 1);
	try_cut(test, &t, hs);
	try_cut(test, &t, hs + 1);
	/* At, just after and inside every section, and just before its end. */
	for (off = hs; off < t.len;) {
		struct mvgpu_mig_section *s = (void *)(t.stream + off);
		size_t end = off + sizeof(*s) + le64_to_cpu(s->size);

		try_cut(test, &t, off + 1);
		try_cut(test, &t, off + sizeof(*s) - 1);
		if (end > off + sizeof(*s))
			try_cut(test, &t, off + sizeof(*s) +
				(end - off - sizeof(*s)) / 2);
		if (end < t.len)
			try_cut(test, &t, end);
		try_cut(test, &t, end - 1);
		off = end;
	}
	/* Trailing bytes after the end section. */
	t.len += 8;
	expect_refused(test, &t, -EINVAL, "trailing");
	t.len -= 8;
	KUNIT_EXPECT_EQ(test, mvgpu_mig_load(t.dst, t.stream, t.len), 0);
	mvgpu_vgpu_run(t.dst);
	mvgpu_vgpu_run(t.src);
}

struct corruption {
	const char *name;
	int err;
	void (*apply)(struct kunit *test, struct mig_test *t);
};

static void c_reg_reserved(struct kunit *test, struct mig_test *t)
{
	struct mvgpu_mig_reg *r = find_reg(t, MVGPU_RING_START(MVGPU_RENDER_RING_BASE));

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->value |= cpu_to_le32(0x1);	/* START's low 12 bits are reserved */
}

static void c_reg_unknown(struct kunit *test, struct mig_test *t)
{
	struct mvgpu_mig_reg *r = find_reg(t, MVGPU_REG_SWF(0));

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->offset = cpu_to_le32(0x7ff00);
}

static void c_reg_unaligned(struct kunit *test, struct mig_test *t)
{
	struct mvgpu_mig_reg *r = find_reg(t, MVGPU_REG_SWF(0));

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->offset = cpu_to_le32(MVGPU_REG_SWF(0) + 2);
}

static void c_reg_twice(struct kunit *test, struct mig_test *t)
{
	struct mvgpu_mig_reg *r = find_reg(t, MVGPU_REG_SWF(0));

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->offset = cpu_to_le32(MVGPU_REG_SWF(1));
}

static struct mvgpu_mig_gtt_run *first_run(struct kunit *test,
					   struct mig_test *t)
{
	size_t size;
	void *p = find_sec(t, MVGPU_MIG_SEC_GTT, &size);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_GE(test, size, sizeof(struct mvgpu_mig_gtt_run) + 8);
	return p;
}

static void c_gtt_outside(struct kunit *test, struct mig_test *t)
{
	first_run(test, t)->index = cpu_to_le32(AP_IDX - 1);
}

static void c_gtt_count(struct kunit *test, struct mig_test *t)
{
	first_run(test, t)->count = cpu_to_le32(1u << 30);
}

static void c_gtt_empty(struct kunit *test, struct mig_test *t)
{
	first_run(test, t)->count = 0;
}

static void c_gtt_across(struct kunit *test, struct mig_test *t)
{
	/* A run may not leave the aperture slice. */
	first_run(test, t)->index = cpu_to_le32(AP_IDX + (0x6000000 >> 12) - 1);
}

static void c_sec_unknown(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_section *s =
		(void *)(find_sec(t, MVGPU_MIG_SEC_IRQ, &size) - sizeof(*s));

	s->id = cpu_to_le32(MVGPU_MIG_SEC_ENGINE + 1);
}

static void c_sec_order(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_section *s =
		(void *)(find_sec(t, MVGPU_MIG_SEC_IRQ, &size) - sizeof(*s));

	s->id = cpu_to_le32(MVGPU_MIG_SEC_VGPU);
}

static void c_sec_size(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_section *s =
		(void *)(find_sec(t, MVGPU_MIG_SEC_CFG, &size) - sizeof(*s));

	s->size = cpu_to_le64(U64_MAX - 7);
}

static void c_sec_reserved(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_section *s =
		(void *)(find_sec(t, MVGPU_MIG_SEC_CFG, &size) - sizeof(*s));

	s->reserved = cpu_to_le32(1);
}

static void c_no_end(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_section *s =
		(void *)(find_sec(t, MVGPU_MIG_SEC_END, &size) - sizeof(*s));

	s->id = cpu_to_le32(MVGPU_MIG_SEC_ENGINE);
}

static struct mvgpu_mig_engine *first_engine(struct kunit *test,
					     struct mig_test *t)
{
	size_t size;
	void *p = find_sec(t, MVGPU_MIG_SEC_ENGINE, &size);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static void c_engine_busy(struct kunit *test, struct mig_test *t)
{
	first_engine(test, t)->flags = cpu_to_le32(MVGPU_MIG_ENGINE_BUSY);
}

static void c_engine_id(struct kunit *test, struct mig_test *t)
{
	first_engine(test, t)->id = cpu_to_le32(MVGPU_NUM_ENGINES);
}

static void c_engine_twice(struct kunit *test, struct mig_test *t)
{
	first_engine(test, t)->id = cpu_to_le32(MVGPU_ENGINE_BCS);
}

static void c_engine_wl(struct kunit *test, struct mig_test *t)
{
	first_engine(test, t)->wl_tail = cpu_to_le32(64);
}

static void c_vgpu_weight(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_vgpu *v = (void *)find_sec(t, MVGPU_MIG_SEC_VGPU,
						    &size);

	v->sched_weight = 0;
}

static void c_vgpu_failsafe(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_vgpu *v = (void *)find_sec(t, MVGPU_MIG_SEC_VGPU,
						    &size);

	v->failsafe = cpu_to_le32(99);
}

static void c_irq_flags(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_irq *i = (void *)find_sec(t, MVGPU_MIG_SEC_IRQ,
						   &size);

	i->flags |= cpu_to_le32(BIT(7));
}

static void c_display_edid(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_display *d = (void *)find_sec(t, MVGPU_MIG_SEC_DISPLAY,
						       &size);

	d->edid[127] ^= 1;	/* checksum */
}

static void c_display_frames(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_display *d = (void *)find_sec(t, MVGPU_MIG_SEC_DISPLAY,
						       &size);

	d->frame_handled = cpu_to_le64(le64_to_cpu(d->frame) + 1);
}

static void c_display_pipe_off(struct kunit *test, struct mig_test *t)
{
	size_t size;
	struct mvgpu_mig_display *d = (void *)find_sec(t, MVGPU_MIG_SEC_DISPLAY,
						       &size);

	/* The pipe is off in the stream's registers: no frames counted. */
	d->frame = cpu_to_le64(10);
}

static const struct corruption corruptions[] = {
	{ "register reserved bits", -EINVAL, c_reg_reserved },
	{ "unknown register", -EINVAL, c_reg_unknown },
	{ "unaligned register", -EINVAL, c_reg_unaligned },
	{ "register twice", -EINVAL, c_reg_twice },
	{ "GTT run outside the slices", -EINVAL, c_gtt_outside },
	{ "GTT run too long", -EINVAL, c_gtt_count },
	{ "GTT run empty", -EINVAL, c_gtt_empty },
	{ "GTT run across the aperture's end", -EINVAL, c_gtt_across },
	{ "unknown section", -EINVAL, c_sec_unknown },
	{ "section out of order", -EINVAL, c_sec_order },
	{ "section size", -EINVAL, c_sec_size },
	{ "section reserved", -EINVAL, c_sec_reserved },
	{ "no end section", -EINVAL, c_no_end },
	{ "engine busy without a workload", -EINVAL, c_engine_busy },
	{ "engine id", -EINVAL, c_engine_id },
	{ "engine twice", -EINVAL, c_engine_twice },
	{ "engine workload fields", -EINVAL, c_engine_wl },
	{ "scheduling weight", -EINVAL, c_vgpu_weight },
	{ "failsafe reason", -EINVAL, c_vgpu_failsafe },
	{ "interrupt flags", -EINVAL, c_irq_flags },
	{ "EDID checksum", -EINVAL, c_display_edid },
	{ "display frames", -EINVAL, c_display_frames },
	{ "display frames with the pipe off", -EINVAL, c_display_pipe_off },
};

static void mig_corruptions(struct kunit *test)
{
	struct mig_test t = {};
	u8 *good;
	unsigned int i;

	setup(test, &t);
	good = kunit_kmalloc(test, t.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, good);
	memcpy(good, t.stream, t.len);
	for (i = 0; i < ARRAY_SIZE(corruptions); i++) {
		memcpy(t.stream, good, t.len);
		corruptions[i].apply(test, &t);
		expect_refused(test, &t, corruptions[i].err,
			       corruptions[i].name);
	}
	/* The good stream still loads after all that. */
	memcpy(t.stream, good, t.len);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_load(t.dst, t.stream, t.len), 0);
	KUNIT_EXPECT_EQ(test, gtt_rd(test, t.dst, HIDDEN_IDX + 7), PTE(5));
	mvgpu_vgpu_run(t.dst);
	mvgpu_vgpu_run(t.src);
}

/* Unknown sections of a newer minor are skipped; of this one, refused. */
static void mig_newer_minor_skips(struct kunit *test)
{
	struct mig_test t = {};
	struct mvgpu_mig_section *end, extra = {
		.id = cpu_to_le32(MVGPU_MIG_SEC_ENGINE + 9),
		.size = cpu_to_le64(8),
	};
	size_t size;

	setup(test, &t);
	/* Insert a section of 8 bytes before the end section. */
	end = (void *)(find_sec(&t, MVGPU_MIG_SEC_END, &size) - sizeof(*end));
	memmove((u8 *)end + sizeof(extra) + 8, end, sizeof(*end));
	memcpy(end, &extra, sizeof(extra));
	memset((u8 *)end + sizeof(extra), 0xee, 8);
	t.len += sizeof(extra) + 8;
	expect_refused(test, &t, -EINVAL, "unknown section, same minor");
	le16_add_cpu(&hdr_of(&t)->minor, 1);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_load(t.dst, t.stream, t.len), 0);
	KUNIT_EXPECT_EQ(test, rd(test, t.dst, MVGPU_REG_SWF(3)), 0x5a000003);
	mvgpu_vgpu_run(t.dst);
	mvgpu_vgpu_run(t.src);
}

static void busy_engine(struct mvgpu_mig_engine *me)
{
	me->flags = cpu_to_le32(MVGPU_MIG_ENGINE_BUSY |
				MVGPU_MIG_ENGINE_RESUME);
	me->wl_head = cpu_to_le32(4032);
	me->wl_tail = cpu_to_le32(64);	/* wraps: 128 bytes */
	me->wl_ring_size = cpu_to_le32(4096);
	me->wl_size = cpu_to_le32(128);
	me->wl_pos = cpu_to_le32(16);
	me->wl_user_interrupts = cpu_to_le32(1);
	me->wl_busy_ns = cpu_to_le64(5000);
}

/* A workload in flight is taken over, checked, and waits for a kick. */
static void mig_busy_engine(struct kunit *test)
{
	static const struct {
		const char *name;
		u32 off;	/* of the __le32 field to change */
		u32 val;
	} bad[] = {
		{ "size", offsetof(struct mvgpu_mig_engine, wl_size), 64 },
		{ "pos past size", offsetof(struct mvgpu_mig_engine, wl_pos), 132 },
		{ "pos unaligned", offsetof(struct mvgpu_mig_engine, wl_pos), 18 },
		{ "head", offsetof(struct mvgpu_mig_engine, wl_head), 4096 },
		{ "tail unaligned", offsetof(struct mvgpu_mig_engine, wl_tail), 68 },
		{ "ring size", offsetof(struct mvgpu_mig_engine, wl_ring_size), 5000 },
		{ "interrupts", offsetof(struct mvgpu_mig_engine, wl_user_interrupts), 33 },
		{ "busy and broken", offsetof(struct mvgpu_mig_engine, flags),
		  MVGPU_MIG_ENGINE_BUSY | MVGPU_MIG_ENGINE_BROKEN },
		{ "resume without busy", offsetof(struct mvgpu_mig_engine, flags),
		  MVGPU_MIG_ENGINE_RESUME },
	};
	struct mig_test t = {};
	struct mvgpu_engine_mig *m;
	unsigned int i;

	setup(test, &t);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct mvgpu_mig_engine *me = first_engine(test, &t);

		busy_engine(me);
		put_unaligned_le32(bad[i].val, (u8 *)me + bad[i].off);
		expect_refused(test, &t, -EINVAL, bad[i].name);
		KUNIT_EXPECT_NULL(test, t.dst->engines[0].mig);
	}
	busy_engine(first_engine(test, &t));
	KUNIT_ASSERT_EQ(test, mvgpu_mig_load(t.dst, t.stream, t.len), 0);
	m = t.dst->engines[MVGPU_ENGINE_RCS].mig;
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, m->pos, 16u);
	KUNIT_EXPECT_EQ(test, m->size, 128u);
	KUNIT_EXPECT_TRUE(test, m->resume);
	KUNIT_EXPECT_EQ(test, m->busy_ns, 5000ull);
	KUNIT_EXPECT_EQ(test, t.dst->engines[0].wl_head, 4032u);
	KUNIT_EXPECT_EQ(test, t.dst->engines[0].wl_tail, 64u);
	KUNIT_EXPECT_NULL(test, t.dst->engines[MVGPU_ENGINE_BCS].mig);
	/* Not busy until the kick that shadows it again. */
	KUNIT_EXPECT_FALSE(test, t.dst->engines[0].busy);
	/* MI_MODE with STOP_RING does not read idle meanwhile. */
	wr(test, t.dst, MVGPU_RING_MI_MODE(MVGPU_RENDER_RING_BASE),
	   MVGPU_MI_MODE_STOP_RING << 16 | MVGPU_MI_MODE_STOP_RING);
	KUNIT_EXPECT_FALSE(test, rd(test, t.dst,
				    MVGPU_RING_MI_MODE(MVGPU_RENDER_RING_BASE)) &
			   MVGPU_MI_MODE_IDLE);
	/* A reset forgets it. */
	mvgpu_vgpu_reset(t.dst);
	KUNIT_EXPECT_NULL(test, t.dst->engines[0].mig);
	mvgpu_vgpu_run(t.dst);
	mvgpu_vgpu_run(t.src);
}

/* Saving needs a stopped vGPU. */
static void mig_save_needs_stop(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = new_vgpu(test, &tp, 3);
	struct mvgpu_mig_buf body = {};

	KUNIT_EXPECT_EQ(test, mvgpu_mig_save_body(vgpu, &body), -EBUSY);
	KUNIT_EXPECT_NULL(test, body.data);
	mvgpu_vgpu_stop(vgpu);
	KUNIT_EXPECT_EQ(test, mvgpu_mig_save_body(vgpu, &body), 0);
	KUNIT_EXPECT_NOT_NULL(test, body.data);
	mvgpu_mig_buf_free(&body);
	mvgpu_vgpu_run(vgpu);
	KUNIT_EXPECT_EQ(test, vgpu->stopped, 0u);
}

static struct kunit_case migrate_cases[] = {
	KUNIT_CASE(mig_busy_engine),
	KUNIT_CASE(mig_save_needs_stop),
	KUNIT_CASE(mig_roundtrip),
	KUNIT_CASE(mig_stop_latches_irq),
	KUNIT_CASE(mig_header_refusals),
	KUNIT_CASE(mig_truncated),
	KUNIT_CASE(mig_corruptions),
	KUNIT_CASE(mig_newer_minor_skips),
	{}
};

static struct kunit_suite migrate_suite = {
	.name = "mvgpu_migrate",
	.test_cases = migrate_cases,
};

kunit_test_suite(migrate_suite);
