// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: PCI config space emulation (core/cfg_space.c), unmodified.
 *
 * Input: struct fz_cfg_hdr, then reads and writes (struct fz_cfg_op).
 *
 * A model written from the "Configuration space" section of
 * Documentation/gpu/mvgpu/programming-model.rst (not from the code) holds
 * the expected 256 bytes, which bits each write may change and which it
 * clears.  After every access the whole space must equal the model; every
 * read must return the model's bytes; an access must fail with -EINVAL
 * exactly when it leaves the 256 bytes (or is empty), and then change
 * nothing.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/pci_regs.h>
#include <shim/harness.h>
#include <linux/mvgpu.h>

#include "core/cfg_space.h"
#include "fuzz_input.h"

struct model {
	u8 data[MVGPU_CFG_SIZE];
	u8 wmask[MVGPU_CFG_SIZE];
	u8 w1c[MVGPU_CFG_SIZE];
};

static void put16(u8 *p, unsigned int off, u16 v)
{
	p[off] = v;
	p[off + 1] = v >> 8;
}

static void put32(u8 *p, unsigned int off, u32 v)
{
	put16(p, off, v);
	put16(p, off + 2, v >> 16);
}

/* The table of the programming model, field by field. */
static void model_init(struct model *m, const struct mvgpu_cfg_params *pa)
{
	u64 bar0 = ~(pa->bar0_size - 1), bar2 = ~(pa->bar2_size - 1);

	memset(m, 0, sizeof(*m));
	put16(m->data, 0x00, 0x1234);			/* vendor */
	put16(m->data, 0x02, 0x4d56);			/* device */
	put16(m->wmask, 0x04, BIT(1) | BIT(2) | BIT(6) | BIT(8) | BIT(10));
	put16(m->data, 0x06, BIT(4));			/* capabilities */
	put16(m->w1c, 0x06, BIT(8) | BIT(11) | BIT(12) | BIT(13) | BIT(14) |
	      BIT(15));
	m->data[0x08] = 0x01;				/* revision */
	m->data[0x09] = 0x00;				/* class 0x038000 */
	m->data[0x0a] = 0x80;
	m->data[0x0b] = 0x03;
	m->wmask[0x0c] = 0xff;				/* cache line */
	m->wmask[0x0d] = 0xff;				/* latency timer */
	/* BAR0: 64-bit memory; BAR2: 64-bit prefetchable memory. */
	put32(m->data, 0x10, 0x4);
	put32(m->wmask, 0x10, (u32)bar0 & ~0xfu);
	put32(m->wmask, 0x14, bar0 >> 32);
	put32(m->data, 0x18, 0xc);
	put32(m->wmask, 0x18, (u32)bar2 & ~0xfu);
	put32(m->wmask, 0x1c, bar2 >> 32);
	put16(m->data, 0x2c, 0x1234);			/* subsystem */
	put16(m->data, 0x2e, 0x0001);
	m->data[0x34] = 0x40;				/* capabilities */
	m->wmask[0x3c] = 0xff;				/* interrupt line */
	m->data[0x3d] = 0x01;				/* INTA# */
	/* MSI at 0x40. */
	m->data[0x40] = 0x05;
	m->data[0x41] = 0x50;
	put16(m->data, 0x42, 0x0080);
	put16(m->wmask, 0x42, 0x0001);
	put32(m->wmask, 0x44, 0xfffffffc);
	put32(m->wmask, 0x48, 0xffffffff);
	put16(m->wmask, 0x4c, 0xffff);
	/* Vendor capability at 0x50. */
	m->data[0x50] = 0x09;
	m->data[0x51] = 0x00;
	m->data[0x52] = 16;
	m->data[0x53] = 1;
	m->data[0x54] = pa->weight;
	put16(m->data, 0x58, pa->max_hres);
	put16(m->data, 0x5a, pa->max_vres);
	put32(m->data, 0x5c, 0x78000);
}

static bool range_ok(u32 off, u32 len)
{
	return len && off < MVGPU_CFG_SIZE && off + len <= MVGPU_CFG_SIZE;
}

static void check_space(const struct mvgpu_cfg_space *cfg,
			const struct model *m)
{
	u8 all[MVGPU_CFG_SIZE];
	unsigned int i;

	FUZZ_CHECK(mvgpu_cfg_read(cfg, 0, all, sizeof(all)) == 0, "full read");
	for (i = 0; i < MVGPU_CFG_SIZE; i++)
		FUZZ_CHECK(all[i] == m->data[i],
			   "byte %#x is %#x, the programming model says %#x", i,
			   all[i], m->data[i]);
}

struct input {
	const u8 *p;
	size_t left;
};

static void take(struct input *in, void *dst, size_t n)
{
	size_t k = min(n, in->left);

	memset(dst, 0, n);
	memcpy(dst, in->p, k);
	in->p += k;
	in->left -= k;
}

static struct mvgpu_cfg_space cfg;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct input in = { data, size };
	struct fz_cfg_hdr h;
	struct mvgpu_cfg_params pa;
	struct model m;
	bool valid;
	int ret;

	shim_begin();
	take(&in, &h, sizeof(h));
	pa.bar0_size = 1ull << (h.bar0_order % 40);
	pa.bar2_size = 1ull << (h.bar2_order % 40);
	if (h.flags & FZ_CFG_ODD_SIZE)
		pa.bar2_size += 4096;
	pa.weight = h.weight;
	pa.max_hres = h.max_hres;
	pa.max_vres = h.max_vres;
	valid = is_power_of_2(pa.bar0_size) && pa.bar0_size >= 4096 &&
		is_power_of_2(pa.bar2_size) && pa.bar2_size >= 4096;

	memset(&cfg, 0xa5, sizeof(cfg));
	ret = mvgpu_cfg_init(&cfg, &pa);
	FUZZ_CHECK(ret == (valid ? 0 : -EINVAL), "init returned %d", ret);
	if (ret) {
		shim_end();
		return 0;
	}
	model_init(&m, &pa);
	check_space(&cfg, &m);

	while (in.left) {
		struct fz_cfg_op op;
		u8 buf[256], before[MVGPU_CFG_SIZE];
		u32 off, len, i;

		take(&in, &op, sizeof(op));
		off = op.off % FZ_CFG_OFF_RANGE;
		len = op.len;
		memcpy(before, m.data, sizeof(before));
		if (op.op % FZ_CFG_NR_OPS == FZ_CFG_WRITE) {
			take(&in, buf, len);
			ret = mvgpu_cfg_write(&cfg, off, buf, len);
			FUZZ_CHECK(ret == (range_ok(off, len) ? 0 : -EINVAL),
				   "write of %u at %#x: %d", len, off, ret);
			for (i = 0; !ret && i < len; i++) {
				u8 *d = &m.data[off + i];

				*d = (*d & ~m.wmask[off + i]) |
				     (buf[i] & m.wmask[off + i]);
				*d &= ~(buf[i] & m.w1c[off + i]);
			}
		} else {
			memset(buf, 0x5a, sizeof(buf));
			ret = mvgpu_cfg_read(&cfg, off, buf, len);
			FUZZ_CHECK(ret == (range_ok(off, len) ? 0 : -EINVAL),
				   "read of %u at %#x: %d", len, off, ret);
			for (i = 0; i < len; i++)
				FUZZ_CHECK(buf[i] == (ret ? 0x5a : m.data[off + i]),
					   "read byte %#x", off + i);
		}
		/* Read-only bytes never change. */
		for (i = 0; i < MVGPU_CFG_SIZE; i++)
			FUZZ_CHECK(m.wmask[i] || m.w1c[i] || m.data[i] == before[i],
				   "model: read-only byte %#x changed", i);
		check_space(&cfg, &m);
	}
	shim_end();
	return 0;
}
