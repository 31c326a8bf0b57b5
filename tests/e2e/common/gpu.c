// SPDX-License-Identifier: GPL-2.0
/*
 * gpu.c - a small "guest driver" for the mvgpu engine tests, see gpu.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "gpu.h"
#include "tap.h"

#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define MSI		VFIO_PCI_MSI_IRQ_INDEX
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define GT0_IMR		MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0)
#define GT0_IIR		MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0)
#define GT0_IER		MVGPU_IRQ_IER(MVGPU_IRQ_BANK_GT0)

/* One handler pass waits at most this long for the eventfd. */
#define POLL_SLICE_MS	100

static int fail(struct gpu *g, int ret, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct gpu *g, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->err, sizeof(g->err), fmt, ap);
	va_end(ap);
	return ret;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- device --------------------------------------------------------- */

uint32_t gpu_rd(struct gpu *g, uint32_t off)
{
	uint32_t v = 0;
	int ret = mvgpu_mmio_read32(g->d, off, &v);

	if (ret)
		fail(g, ret, "read of BAR0+%#x failed (%d)", off, ret);
	return v;
}

uint64_t gpu_rd64(struct gpu *g, uint32_t off)
{
	uint64_t v = 0;
	int ret = mvgpu_mmio_read64(g->d, off, &v);

	if (ret)
		fail(g, ret, "read of BAR0+%#x failed (%d)", off, ret);
	return v;
}

int gpu_wr(struct gpu *g, uint32_t off, uint32_t val)
{
	int ret = mvgpu_mmio_write32(g->d, off, val);

	if (ret)
		fail(g, ret, "write of %#x to BAR0+%#x failed (%d)", val, off,
		     ret);
	return ret;
}

static int attach(struct gpu *g, struct mvgpu_dev *dev)
{
	uint64_t magic;

	g->d = dev;
	g->efd = -1;
	snprintf(g->uuid, sizeof(g->uuid), "%s", dev->uuid);
	/* A guest driver reads the PV info page before anything else. */
	magic = gpu_rd64(g, PV(MVGPU_PV_MAGIC_LO));
	if (magic != MVGPU_PV_MAGIC)
		return fail(g, -ENODEV, "PV magic %#llx, want %#llx",
			    (unsigned long long)magic,
			    (unsigned long long)MVGPU_PV_MAGIC);
	g->pv_version = gpu_rd(g, PV(MVGPU_PV_VERSION));
	if (g->pv_version >> 16 != MVGPU_PV_VERSION_MAJOR)
		return fail(g, -ENODEV, "PV version %#x", g->pv_version);
	g->vgpu_id = gpu_rd(g, PV(MVGPU_PV_VGPU_ID));
	g->ap_base = gpu_rd64(g, PV(MVGPU_PV_MAPPABLE_BASE));
	g->ap_size = gpu_rd64(g, PV(MVGPU_PV_MAPPABLE_SIZE));
	g->hid_base = gpu_rd64(g, PV(MVGPU_PV_HIDDEN_BASE));
	g->hid_size = gpu_rd64(g, PV(MVGPU_PV_HIDDEN_SIZE));
	if (!g->ap_size || !g->hid_size)
		return fail(g, -ENODEV, "PV info: empty slices");
	return 0;
}

int gpu_attach(struct gpu *g, struct mvgpu_dev *dev)
{
	memset(g, 0, sizeof(*g));
	return attach(g, dev);
}

int gpu_open(struct gpu *g, const char *uuid, enum mvgpu_vfio_path path)
{
	int ret;

	memset(g, 0, sizeof(*g));
	g->efd = -1;
	ret = mvgpu_open(&g->dev, uuid, path);
	if (ret)
		return fail(g, ret, "cannot open %s (%d)", uuid, ret);
	g->own_dev = true;
	return attach(g, &g->dev);
}

void gpu_release(struct gpu *g)
{
	if (!g->d)
		return;
	if (g->efd >= 0) {
		gpu_wr(g, MVGPU_REG_MASTER_IRQ, 0);
		mvgpu_irq_disable(g->d, MSI);
		close(g->efd);
		g->efd = -1;
	}
	if (g->dma_mapped) {
		/*
		 * Quiesce the engines and drop the GTT entries and pins
		 * before the memory goes (on the group path an unmap with
		 * pins would nest VFIO type1 locks the wrong way round).
		 */
		mvgpu_reset(g->d);
		mvgpu_dma_unmap(g->d, g->iova, g->mem_size);
		g->dma_mapped = false;
	}
	if (g->mem && g->own_mem)
		munmap(g->mem, g->mem_size);
	g->mem = NULL;
	if (g->own_dev)
		mvgpu_close(&g->dev);
	g->own_dev = false;
	g->d = NULL;
}

bool gpu_in_slices(const struct gpu *g, uint64_t gm, uint64_t len)
{
	if (gm >= g->ap_base && gm - g->ap_base < g->ap_size)
		return len <= g->ap_size - (gm - g->ap_base);
	if (gm >= g->hid_base && gm - g->hid_base < g->hid_size)
		return len <= g->hid_size - (gm - g->hid_base);
	return false;
}

/* ---- memory ------------------------------------------------------- */

int gpu_gtt_set(struct gpu *g, uint64_t gm, uint64_t pte)
{
	uint64_t off = MVGPU_GTT_OFFSET +
		       (gm >> MVGPU_GTT_PAGE_SHIFT) * MVGPU_GTT_ENTRY_SIZE;
	int ret = mvgpu_mmio_write64(g->d, off, pte);

	if (ret)
		return fail(g, ret, "GTT write for gm %#llx failed (%d)",
			    (unsigned long long)gm, ret);
	return 0;
}

uint64_t gpu_mem_pte(const struct gpu *g, size_t off)
{
	return (g->iova + (off & ~(size_t)(GPU_PAGE - 1))) |
	       MVGPU_GTT_PTE_PRESENT;
}

static int mem_setup(struct gpu *g, uint64_t gm_base, void *buf, size_t size,
		     uint64_t iova)
{
	size_t off;
	int ret;

	g->mem = buf;
	g->mem_size = size;
	g->iova = iova;
	g->gm_base = gm_base;
	g->brk = 0;
	memset(g->mem, 0, size);
	ret = mvgpu_dma_map(g->d, g->mem, iova, size);
	if (ret)
		return fail(g, ret, "DMA map of %zu bytes at %#llx failed (%d)",
			    size, (unsigned long long)iova, ret);
	g->dma_mapped = true;
	for (off = 0; off < size; off += GPU_PAGE) {
		ret = gpu_gtt_set(g, gm_base + off, gpu_mem_pte(g, off));
		if (ret)
			return ret;
	}
	return 0;
}

static bool mem_args_ok(struct gpu *g, uint64_t gm_base, size_t size)
{
	if (!size || size % GPU_PAGE || gm_base % GPU_PAGE ||
	    !gpu_in_slices(g, gm_base, size)) {
		fail(g, -EINVAL, "guest memory %#zx at gm %#llx does not fit a slice",
		     size, (unsigned long long)gm_base);
		return false;
	}
	return true;
}

int gpu_mem_init(struct gpu *g, uint64_t gm_base, size_t size, uint64_t iova)
{
	void *p;

	if (!mem_args_ok(g, gm_base, size))
		return -EINVAL;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED)
		return fail(g, -errno, "mmap of %zu bytes failed", size);
	g->own_mem = true;
	return mem_setup(g, gm_base, p, size, iova);
}

int gpu_mem_init_buf(struct gpu *g, uint64_t gm_base, void *buf, size_t size,
		     uint64_t iova)
{
	if (!mem_args_ok(g, gm_base, size))
		return -EINVAL;
	if ((uintptr_t)buf % GPU_PAGE)
		return fail(g, -EINVAL, "guest memory buffer not page aligned");
	g->own_mem = false;
	return mem_setup(g, gm_base, buf, size, iova);
}

void *gpu_va(const struct gpu *g, uint64_t gm)
{
	if (!g->mem || gm < g->gm_base || gm - g->gm_base >= g->mem_size)
		return NULL;
	return g->mem + (gm - g->gm_base);
}

uint64_t gpu_gm(const struct gpu *g, const void *p)
{
	return g->gm_base + (uint64_t)((const uint8_t *)p - g->mem);
}

uint64_t gpu_alloc(struct gpu *g, size_t size, size_t align)
{
	size_t at;

	if (!align)
		align = GPU_PAGE;
	at = (g->brk + align - 1) & ~(align - 1);
	if (at > g->mem_size || size > g->mem_size - at) {
		fail(g, -ENOMEM, "guest memory exhausted (%zu bytes wanted)",
		     size);
		return 0;
	}
	g->brk = at + size;
	memset(g->mem + at, 0, size);
	return g->gm_base + at;
}

/* ---- interrupts --------------------------------------------------- */

int gpu_irq_init(struct gpu *g)
{
	const uint32_t bits = GPU_GT0_BITS(MVGPU_ENGINE_RCS) |
			      GPU_GT0_BITS(MVGPU_ENGINE_BCS);
	int ret;

	g->efd = mvgpu_eventfd_new();
	if (g->efd < 0)
		return fail(g, g->efd, "eventfd: %d", g->efd);
	ret = mvgpu_irq_set_trigger(g->d, MSI, g->efd);
	if (ret)
		return fail(g, ret, "cannot attach the MSI eventfd (%d)", ret);
	if (gpu_wr(g, GT0_IMR, ~bits & MVGPU_GT0_VALID_MASK) ||
	    gpu_wr(g, GT0_IIR, MVGPU_GT0_VALID_MASK) ||
	    gpu_wr(g, GT0_IER, bits) ||
	    gpu_wr(g, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL))
		return -EIO;
	g->irq_seen = 0;
	return 0;
}

uint32_t gpu_irq_poll(struct gpu *g, int timeout_ms)
{
	uint64_t count = 0;
	uint32_t iir;

	if (g->efd >= 0 && timeout_ms > 0)
		mvgpu_eventfd_wait(g->efd, timeout_ms);
	if (g->efd >= 0) {
		mvgpu_eventfd_consume(g->efd, &count);
		g->msi_count += count;
	}
	/* The Gen8 handler: master off, read and clear IIR, master on. */
	gpu_wr(g, MVGPU_REG_MASTER_IRQ, 0);
	iir = gpu_rd(g, GT0_IIR);
	if (iir) {
		gpu_wr(g, GT0_IIR, iir);
		g->irq_handled++;
	}
	gpu_wr(g, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	g->irq_seen |= iir;
	return iir;
}

uint32_t gpu_irq_wait(struct gpu *g, uint32_t bits, int timeout_ms)
{
	uint64_t end = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

	for (;;) {
		uint64_t t = now_ms();
		int slice;

		if (g->irq_seen & bits)
			return g->irq_seen & bits;
		if (t >= end) {
			gpu_irq_poll(g, 0);
			return g->irq_seen & bits;
		}
		slice = end - t < POLL_SLICE_MS ? (int)(end - t) : POLL_SLICE_MS;
		gpu_irq_poll(g, slice);
	}
}

uint32_t gpu_irq_take(struct gpu *g, uint32_t bits)
{
	uint32_t got = g->irq_seen & bits;

	g->irq_seen &= ~bits;
	return got;
}

/* ---- rings ---------------------------------------------------------- */

static int ring_program(struct gpu *g, struct gpu_ring *r)
{
	uint32_t b = r->base;

	r->tail = 0;
	r->kicked = 0;
	if (gpu_wr(g, MVGPU_RING_CTL(b), 0) ||
	    gpu_wr(g, MVGPU_RING_START(b), (uint32_t)r->gm) ||
	    gpu_wr(g, MVGPU_RING_HWS_PGA(b), (uint32_t)r->hws_gm) ||
	    gpu_wr(g, MVGPU_RING_HEAD(b), 0) ||
	    gpu_wr(g, MVGPU_RING_TAIL(b), 0) ||
	    gpu_wr(g, MVGPU_RING_CTL(b), MVGPU_RING_VALID |
		   ((r->size / GPU_PAGE - 1) << 12)))
		return -EIO;
	return 0;
}

int gpu_ring_init(struct gpu *g, unsigned int e, uint64_t ring_gm,
		  uint32_t size, uint64_t hws_gm)
{
	struct gpu_ring *r;

	if (e >= MVGPU_NUM_ENGINES || !size || size % GPU_PAGE)
		return fail(g, -EINVAL, "bad ring parameters");
	r = &g->ring[e];
	memset(r, 0, sizeof(*r));
	r->engine = e;
	r->base = MVGPU_RING_BASE(e);
	r->gm = ring_gm;
	r->size = size;
	r->hws_gm = hws_gm;
	r->va = gpu_va(g, ring_gm);
	r->hws = gpu_va(g, hws_gm);
	if (!r->va || !r->hws || !gpu_va(g, ring_gm + size - 1))
		return fail(g, -EINVAL, "ring or status page outside guest memory");
	memset(r->va, 0, size);
	memset((void *)r->hws, 0, GPU_PAGE);
	return ring_program(g, r);
}

int gpu_ring_restart(struct gpu *g, unsigned int e)
{
	return ring_program(g, &g->ring[e]);
}

uint32_t gpu_ring_head(struct gpu *g, unsigned int e)
{
	return gpu_rd(g, MVGPU_RING_HEAD(g->ring[e].base)) & MVGPU_HEAD_ADDR;
}

int gpu_ring_emit_raw(struct gpu *g, unsigned int e, const uint32_t *dw,
		      uint32_t n)
{
	struct gpu_ring *r = &g->ring[e];
	uint32_t head = gpu_ring_head(g, e), used, room, i;

	used = (r->tail + r->size - head) % r->size;
	room = r->size - used - 8;
	if (4 * n > room)
		return fail(g, -ENOSPC, "ring %u: %u bytes do not fit (%u free)",
			    e, 4 * n, room);
	for (i = 0; i < n; i++) {
		r->va[r->tail / 4] = dw[i];
		r->tail = (r->tail + 4) % r->size;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return 0;
}

int gpu_ring_emit(struct gpu *g, unsigned int e, struct gpu_cs *cs)
{
	cs_pad_qword(cs);
	if (cs->overflow)
		return fail(g, -ENOSPC, "command buffer overflow");
	return gpu_ring_emit_raw(g, e, cs->buf, cs->n);
}

uint32_t gpu_ring_kick(struct gpu *g, unsigned int e)
{
	struct gpu_ring *r = &g->ring[e];

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	gpu_wr(g, MVGPU_RING_TAIL(r->base), r->tail);
	r->kicked = r->tail;
	return r->tail;
}

int gpu_submit(struct gpu *g, unsigned int e, struct gpu_cs *cs,
	       uint32_t *tail)
{
	int ret = gpu_ring_emit(g, e, cs);

	if (ret)
		return ret;
	ret = gpu_ring_kick(g, e);
	if (tail)
		*tail = ret;
	return 0;
}

int gpu_wait(struct gpu *g, unsigned int e, uint32_t tail, int timeout_ms,
	     uint32_t *bits)
{
	uint64_t end = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	int ret;

	for (;;) {
		uint64_t t = now_ms();
		bool last = t >= end;

		if (last)
			gpu_irq_poll(g, 0);	/* a final handler pass */
		if (g->irq_seen & MVGPU_GT0_ERROR(e)) {
			ret = fail(g, -EIO, "engine %u raised ERROR", e);
			break;
		}
		if ((g->irq_seen & MVGPU_GT0_CTX_SWITCH(e)) &&
		    gpu_ring_head(g, e) == tail) {
			ret = 0;
			break;
		}
		if (last) {
			if (bits)
				*bits = g->irq_seen & GPU_GT0_BITS(e);
			return fail(g, -ETIMEDOUT, "engine %u: timeout: HEAD %#x, want %#x, IIR bits seen %#x",
				    e, gpu_ring_head(g, e), tail, g->irq_seen);
		}
		gpu_irq_poll(g, end - t < POLL_SLICE_MS ? (int)(end - t) :
				POLL_SLICE_MS);
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (bits)
		*bits = gpu_irq_take(g, GPU_GT0_BITS(e));
	else
		gpu_irq_take(g, GPU_GT0_BITS(e));
	return ret;
}

void gpu_engine_error(struct gpu *g, unsigned int e, uint32_t *code,
		      uint32_t *offset, uint64_t *buf)
{
	if (code)
		*code = gpu_rd(g, PV(MVGPU_PV_ENGINE_ERROR(e)));
	if (offset)
		*offset = gpu_rd(g, PV(MVGPU_PV_ENGINE_ERROR_OFFSET(e)));
	if (buf)
		*buf = gpu_rd64(g, PV(MVGPU_PV_ENGINE_ERROR_BUF(e)));
}

int gpu_engine_reset(struct gpu *g, unsigned int e, int timeout_ms)
{
	uint32_t bit = e == MVGPU_ENGINE_RCS ? MVGPU_GDRST_RENDER :
					       MVGPU_GDRST_BLT;
	uint64_t end = now_ms() + timeout_ms;

	if (gpu_wr(g, MVGPU_REG_GDRST, bit))
		return -EIO;
	for (;;) {
		if (!(gpu_rd(g, MVGPU_REG_GDRST) & bit))
			break;
		if (now_ms() >= end)
			return fail(g, -ETIMEDOUT, "GDRST %#x did not clear", bit);
		usleep(1000);
	}
	g->ring[e].tail = 0;
	g->ring[e].kicked = 0;
	return 0;
}

uint64_t gpu_timestamp(struct gpu *g, unsigned int e)
{
	uint32_t b = MVGPU_RING_BASE(e), hi, lo, hi2;
	int tries = 0;

	do {
		hi = gpu_rd(g, MVGPU_RING_TIMESTAMP_UDW(b));
		lo = gpu_rd(g, MVGPU_RING_TIMESTAMP(b));
		hi2 = gpu_rd(g, MVGPU_RING_TIMESTAMP_UDW(b));
	} while (hi != hi2 && ++tries < 3);
	return (uint64_t)hi2 << 32 | lo;
}

const char *gpu_err_name(uint32_t code)
{
	static const char *const names[] = MVGPU_ERR_NAMES;

	if (code >= sizeof(names) / sizeof(names[0]) || !names[code])
		return "invalid";
	return names[code];
}

int gpu_setup(struct gpu *g, const char *uuid, size_t mem_size,
	      uint64_t iova, unsigned int engines)
{
	unsigned int e;
	int ret;

	ret = gpu_open(g, uuid, MVGPU_VFIO_AUTO);
	if (!ret)
		ret = gpu_mem_init(g, g->hid_base, mem_size, iova);
	if (!ret)
		ret = gpu_irq_init(g);
	for (e = 0; !ret && e < MVGPU_NUM_ENGINES; e++) {
		uint64_t ring, hws;

		if (!(engines & 1u << e))
			continue;
		ring = gpu_alloc(g, GPU_RING_SIZE, 0);
		hws = gpu_alloc(g, GPU_PAGE, 0);
		ret = ring && hws ? gpu_ring_init(g, e, ring, GPU_RING_SIZE, hws) :
				    -ENOMEM;
	}
	return ret;
}

/* ---- command builders --------------------------------------------- */

void cs_init(struct gpu_cs *cs, void *buf, uint64_t gm, size_t bytes)
{
	cs->buf = buf;
	cs->gm = gm;
	cs->n = 0;
	cs->max = bytes / 4;
	cs->overflow = false;
}

void cs_init_gm(struct gpu_cs *cs, struct gpu *g, uint64_t gm, size_t bytes)
{
	void *p = gpu_va(g, gm);

	if (!p || !gpu_va(g, gm + bytes - 1)) {
		cs_init(cs, NULL, gm, 0);
		cs->overflow = true;
		return;
	}
	cs_init(cs, p, gm, bytes);
}

static uint32_t *cs_room(struct gpu_cs *cs, uint32_t n)
{
	uint32_t *p;

	if (cs->overflow || n > cs->max - cs->n) {
		cs->overflow = true;
		return NULL;
	}
	p = cs->buf + cs->n;
	cs->n += n;
	return p;
}

static void cs_emit(struct gpu_cs *cs, const uint32_t *dw, uint32_t n)
{
	uint32_t *p = cs_room(cs, n);

	if (p)
		memcpy(p, dw, 4 * n);
}

#define EMIT(cs, ...) do {						\
		const uint32_t __dw[] = { __VA_ARGS__ };		\
		cs_emit(cs, __dw, sizeof(__dw) / sizeof(__dw[0]));	\
	} while (0)

#define LO(x)	((uint32_t)(x))
#define HI(x)	((uint32_t)((uint64_t)(x) >> 32))

void cs_dw(struct gpu_cs *cs, uint32_t dw)
{
	EMIT(cs, dw);
}

void cs_noop(struct gpu_cs *cs)
{
	EMIT(cs, MVGPU_MI_NOOP);
}

void cs_pad_qword(struct gpu_cs *cs)
{
	if (cs->n & 1)
		cs_noop(cs);
}

void cs_user_interrupt(struct gpu_cs *cs)
{
	EMIT(cs, MVGPU_MI_USER_INTERRUPT);
}

void cs_bb_end(struct gpu_cs *cs)
{
	EMIT(cs, MVGPU_MI_BATCH_BUFFER_END);
}

void cs_bb_start(struct gpu_cs *cs, uint64_t gm, uint32_t flags)
{
	EMIT(cs, MVGPU_MI_BATCH_BUFFER_START | flags, LO(gm), HI(gm));
}

void cs_sdi32(struct gpu_cs *cs, uint64_t gm, uint32_t val)
{
	EMIT(cs, MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | (4 - 2),
	     LO(gm), HI(gm), val);
}

void cs_sdi64(struct gpu_cs *cs, uint64_t gm, uint64_t val)
{
	EMIT(cs, MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | (5 - 2),
	     LO(gm), HI(gm), LO(val), HI(val));
}

void cs_lri(struct gpu_cs *cs, uint32_t reg, uint32_t val)
{
	EMIT(cs, MVGPU_MI_LOAD_REGISTER_IMM | (3 - 2), reg, val);
}

void cs_pipe_control_store(struct gpu_cs *cs, uint64_t gm, uint64_t val)
{
	EMIT(cs, MVGPU_PIPE_CONTROL,
	     MVGPU_PC_WRITE_IMM | MVGPU_PC_GLOBAL_GTT | MVGPU_PC_CS_STALL,
	     LO(gm), HI(gm), LO(val), HI(val));
}

void cs_flush_dw_store32(struct gpu_cs *cs, uint64_t gm, uint32_t val)
{
	EMIT(cs, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | (4 - 2),
	     LO(gm) | MVGPU_FLUSH_DW_USE_GGTT, HI(gm), val);
}

void cs_flush_dw_store64(struct gpu_cs *cs, uint64_t gm, uint64_t val)
{
	EMIT(cs, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | (5 - 2),
	     LO(gm) | MVGPU_FLUSH_DW_USE_GGTT, HI(gm), LO(val), HI(val));
}

void cs_color_blt(struct gpu_cs *cs, uint64_t dst, uint32_t pitch,
		  uint32_t x1, uint32_t y1, uint32_t x2, uint32_t y2,
		  uint32_t color)
{
	EMIT(cs, MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB,
	     MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_PATCOPY | pitch,
	     y1 << 16 | x1, y2 << 16 | x2, LO(dst), HI(dst), color);
}

void cs_copy_blt(struct gpu_cs *cs, uint64_t dst, uint32_t dpitch,
		 uint32_t x1, uint32_t y1, uint32_t x2, uint32_t y2,
		 uint64_t src, uint32_t spitch, uint32_t sx, uint32_t sy)
{
	EMIT(cs, MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB,
	     MVGPU_BLT_DEPTH_32BPP | MVGPU_BLT_ROP_SRCCOPY | dpitch,
	     y1 << 16 | x1, y2 << 16 | x2, LO(dst), HI(dst),
	     sy << 16 | sx, spitch, LO(src), HI(src));
}

void cs_compute(struct gpu_cs *cs, uint32_t kernel, uint32_t count,
		uint64_t a, uint64_t b, uint64_t dst, uint32_t scalar)
{
	EMIT(cs, MVGPU_COMPUTE, kernel, count, LO(a), HI(a), LO(b), HI(b),
	     LO(dst), HI(dst), scalar);
}

void cs_sdi32_ppgtt(struct gpu_cs *cs, uint64_t va, uint32_t val)
{
	EMIT(cs, MVGPU_MI_STORE_DATA_IMM | (4 - 2), LO(va), HI(va), val);
}

void cs_sdi64_ppgtt(struct gpu_cs *cs, uint64_t va, uint64_t val)
{
	EMIT(cs, MVGPU_MI_STORE_DATA_IMM | (5 - 2), LO(va), HI(va), LO(val),
	     HI(val));
}

void cs_pipe_control_store_ppgtt(struct gpu_cs *cs, uint64_t va, uint64_t val)
{
	EMIT(cs, MVGPU_PIPE_CONTROL, MVGPU_PC_WRITE_IMM | MVGPU_PC_CS_STALL,
	     LO(va), HI(va), LO(val), HI(val));
}

void cs_flush_dw_store32_ppgtt(struct gpu_cs *cs, uint64_t va, uint32_t val)
{
	EMIT(cs, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | (4 - 2),
	     LO(va) & ~MVGPU_FLUSH_DW_USE_GGTT, HI(va), val);
}

void cs_lri_pml4(struct gpu_cs *cs, unsigned int e, uint64_t root)
{
	const uint32_t b = MVGPU_RING_BASE(e);

	EMIT(cs, MVGPU_MI_LOAD_REGISTER_IMM | (5 - 2),
	     MVGPU_RING_PML4_UDW(b), HI(root),
	     MVGPU_RING_PML4_LDW(b), LO(root));
}

void cs_bb_start_ppgtt(struct gpu_cs *cs, uint64_t va)
{
	cs_bb_start(cs, va, MVGPU_BB_PPGTT);
}

void cs_flush_dw_invalidate(struct gpu_cs *cs)
{
	EMIT(cs, MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_INVALIDATE_TLB | (4 - 2),
	     0, 0, 0);
}

void cs_pipe_control_invalidate(struct gpu_cs *cs)
{
	EMIT(cs, MVGPU_PIPE_CONTROL, MVGPU_PC_TLB_INVALIDATE | MVGPU_PC_CS_STALL,
	     0, 0, 0, 0);
}

/* ---- per-process GTT (PPGTT) -------------------------------------- */

#define PPGTT_VALID_BITS	(MVGPU_PPGTT_PTE_ADDR_MASK | \
				 MVGPU_PPGTT_PTE_PRESENT | MVGPU_PPGTT_PTE_IGNORED)

uint64_t gpu_iova(const struct gpu *g, uint64_t gm)
{
	if (!gpu_va(g, gm))
		return 0;
	return g->iova + (gm - g->gm_base);
}

void *gpu_pa_va(const struct gpu *g, uint64_t pa)
{
	if (!g->mem || pa < g->iova || pa - g->iova >= g->mem_size)
		return NULL;
	return g->mem + (pa - g->iova);
}

static bool ppgtt_entry_valid(uint64_t e)
{
	return (e & MVGPU_PPGTT_PTE_PRESENT) && !(e & ~PPGTT_VALID_BITS);
}

/* The table a valid entry names, if it is in the guest memory. */
static uint64_t *ppgtt_table(const struct gpu *g, uint64_t e)
{
	if (!ppgtt_entry_valid(e))
		return NULL;
	return gpu_pa_va(g, e & MVGPU_PPGTT_PTE_ADDR_MASK);
}

int gpu_ppgtt_init(struct gpu *g, struct gpu_ppgtt *as)
{
	uint64_t gm;

	memset(as, 0, sizeof(*as));
	as->g = g;
	gm = gpu_alloc(g, GPU_PAGE, 0);
	if (!gm)
		return -ENOMEM;
	as->root = gpu_iova(g, gm);
	as->pml4 = gpu_va(g, gm);
	as->tables = 1;
	return 0;
}

uint64_t *gpu_ppgtt_entry(struct gpu_ppgtt *as, uint64_t va,
			  unsigned int level, bool alloc)
{
	struct gpu *g = as->g;
	uint64_t *t = as->pml4;
	unsigned int l;

	if (va >> MVGPU_PPGTT_VA_BITS || level < 1 ||
	    level > MVGPU_PPGTT_LEVELS) {
		fail(g, -EINVAL, "PPGTT: no level %u entry for va %#llx", level,
		     (unsigned long long)va);
		return NULL;
	}
	for (l = MVGPU_PPGTT_LEVELS; l > level; l--) {
		uint64_t *e = &t[MVGPU_PPGTT_INDEX(va, l)];

		if (!(*e & MVGPU_PPGTT_PTE_PRESENT)) {
			uint64_t gm;

			if (!alloc) {
				fail(g, -ENOENT, "PPGTT: va %#llx: no level %u table",
				     (unsigned long long)va, l - 1);
				return NULL;
			}
			gm = gpu_alloc(g, GPU_PAGE, 0);
			if (!gm)
				return NULL;
			*e = gpu_iova(g, gm) | GPU_PPGTT_FLAGS;
			as->tables++;
		}
		t = ppgtt_table(g, *e);
		if (!t) {
			fail(g, -EFAULT, "PPGTT: va %#llx: level %u entry %#llx names no table in guest memory",
			     (unsigned long long)va, l, (unsigned long long)*e);
			return NULL;
		}
	}
	return &t[MVGPU_PPGTT_INDEX(va, level)];
}

int gpu_ppgtt_set(struct gpu_ppgtt *as, uint64_t va, unsigned int level,
		  uint64_t entry, uint64_t *old)
{
	uint64_t *e = gpu_ppgtt_entry(as, va, level, true);

	if (!e)
		return -EFAULT;
	if (old)
		*old = *e;
	*e = entry;
	return 0;
}

int gpu_ppgtt_map_pa(struct gpu_ppgtt *as, uint64_t va, uint64_t pa)
{
	if ((va | pa) % GPU_PAGE || pa & ~MVGPU_PPGTT_PTE_ADDR_MASK)
		return fail(as->g, -EINVAL, "PPGTT: cannot map va %#llx to %#llx",
			    (unsigned long long)va, (unsigned long long)pa);
	return gpu_ppgtt_set(as, va, 1, pa | GPU_PPGTT_FLAGS, NULL);
}

int gpu_ppgtt_map(struct gpu_ppgtt *as, uint64_t va, uint64_t gm,
		  uint64_t size)
{
	uint64_t off;
	int ret;

	if ((va | gm | size) % GPU_PAGE || !size || !gpu_va(as->g, gm) ||
	    !gpu_va(as->g, gm + size - 1))
		return fail(as->g, -EINVAL, "PPGTT: cannot map va %#llx to gm %#llx (+%#llx)",
			    (unsigned long long)va, (unsigned long long)gm,
			    (unsigned long long)size);
	for (off = 0; off < size; off += GPU_PAGE) {
		ret = gpu_ppgtt_map_pa(as, va + off, gpu_iova(as->g, gm + off));
		if (ret)
			return ret;
	}
	return 0;
}

int gpu_ppgtt_remap(struct gpu_ppgtt *as, uint64_t va, uint64_t gm)
{
	return gpu_ppgtt_map(as, va & ~(uint64_t)(GPU_PAGE - 1), gm, GPU_PAGE);
}

int gpu_ppgtt_unmap(struct gpu_ppgtt *as, uint64_t va, uint64_t size)
{
	uint64_t off;

	if ((va | size) % GPU_PAGE)
		return fail(as->g, -EINVAL, "PPGTT: unaligned unmap");
	for (off = 0; off < size; off += GPU_PAGE) {
		uint64_t *e = gpu_ppgtt_entry(as, va + off, 1, false);

		if (e)
			*e = 0;
	}
	return 0;
}

uint64_t gpu_ppgtt_lookup(const struct gpu_ppgtt *as, uint64_t va)
{
	const uint64_t *t = as->pml4;
	unsigned int l;
	uint64_t e = 0;

	if (va >> MVGPU_PPGTT_VA_BITS)
		return GPU_PPGTT_NONE;
	for (l = MVGPU_PPGTT_LEVELS; l >= 1; l--) {
		e = t[MVGPU_PPGTT_INDEX(va, l)];
		if (!ppgtt_entry_valid(e))
			return GPU_PPGTT_NONE;
		if (l > 1) {
			t = ppgtt_table(as->g, e);
			if (!t)
				return GPU_PPGTT_NONE;
		}
	}
	return (e & MVGPU_PPGTT_PTE_ADDR_MASK) | (va & (GPU_PAGE - 1));
}

void *gpu_ppgtt_va(const struct gpu_ppgtt *as, uint64_t va)
{
	uint64_t pa = gpu_ppgtt_lookup(as, va);

	return pa == GPU_PPGTT_NONE ? NULL : gpu_pa_va(as->g, pa);
}

static int ppgtt_copy(const struct gpu_ppgtt *as, uint64_t va, void *buf,
		      size_t len, bool to_gpu)
{
	uint8_t *b = buf;

	while (len) {
		size_t n = GPU_PAGE - (va & (GPU_PAGE - 1));
		uint8_t *p = gpu_ppgtt_va(as, va);

		if (n > len)
			n = len;
		if (!p)
			return fail(as->g, -EFAULT, "PPGTT: va %#llx maps no guest memory",
				    (unsigned long long)va);
		if (to_gpu)
			memcpy(p, b, n);
		else
			memcpy(b, p, n);
		va += n;
		b += n;
		len -= n;
	}
	return 0;
}

int gpu_ppgtt_read(const struct gpu_ppgtt *as, uint64_t va, void *buf,
		   size_t len)
{
	return ppgtt_copy(as, va, buf, len, false);
}

int gpu_ppgtt_write(struct gpu_ppgtt *as, uint64_t va, const void *buf,
		    size_t len)
{
	return ppgtt_copy(as, va, (void *)buf, len, true);
}

int gpu_pml4_set(struct gpu *g, unsigned int e, uint64_t root)
{
	const uint32_t b = MVGPU_RING_BASE(e);

	if (gpu_wr(g, MVGPU_RING_PML4_UDW(b), HI(root)) ||
	    gpu_wr(g, MVGPU_RING_PML4_LDW(b), LO(root)))
		return -EIO;
	return 0;
}

uint64_t gpu_pml4_get(struct gpu *g, unsigned int e)
{
	const uint32_t b = MVGPU_RING_BASE(e);

	return (uint64_t)gpu_rd(g, MVGPU_RING_PML4_UDW(b)) << 32 |
	       gpu_rd(g, MVGPU_RING_PML4_LDW(b));
}

int gpu_tlb_invalidate(struct gpu *g)
{
	uint64_t end = now_ms() + 2000;

	if (gpu_wr(g, MVGPU_REG_TLB_INV, MVGPU_TLB_INV_ALL))
		return -EIO;
	while (gpu_rd(g, MVGPU_REG_TLB_INV) & MVGPU_TLB_INV_ALL) {
		if (now_ms() >= end)
			return fail(g, -ETIMEDOUT, "TLB_INV still reads %#x after 2 s",
				    gpu_rd(g, MVGPU_REG_TLB_INV));
		usleep(1000);
	}
	return 0;
}

/* ---- CPU references --------------------------------------------- */

uint32_t gpu_fnv1a(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint32_t h = 0x811c9dc5u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x01000193u;
	return h;
}

void gpu_saxpy_ref(uint32_t *dst, const uint32_t *a, const uint32_t *b,
		   uint32_t count, uint32_t scalar)
{
	uint32_t i;

	for (i = 0; i < count; i++)
		dst[i] = scalar * a[i] + b[i];
}

/* ---- test reporting from forked processes ------------------------ */

static FILE *rep_out;
static char rep_tag[32];

void rep_init(FILE *f, const char *tag)
{
	rep_out = f;
	snprintf(rep_tag, sizeof(rep_tag), "%s", tag ? tag : "");
}

FILE *rep_file(void)
{
	return rep_out;
}

static void rep_fmt(char *buf, size_t len, const char *fmt, va_list ap)
{
	int n = rep_tag[0] ? snprintf(buf, len, "%s: ", rep_tag) : 0;

	vsnprintf(buf + n, len - n, fmt, ap);
	for (; *buf; buf++)
		if (*buf == '\n' || *buf == '\t')
			*buf = ' ';
}

bool rep_ok(bool ok, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	rep_fmt(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (rep_out) {
		fprintf(rep_out, "%c %s\n", ok ? '1' : '0', name);
		fflush(rep_out);
	} else {
		tap_ok(ok, "%s", name);
	}
	return ok;
}

void rep_diag(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	rep_fmt(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (rep_out) {
		fprintf(rep_out, "# %s\n", msg);
		fflush(rep_out);
	} else {
		tap_diag("%s", msg);
	}
}

void rep_skip(const char *reason, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	rep_fmt(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (rep_out) {
		fprintf(rep_out, "s %s\t%s\n", reason, name);
		fflush(rep_out);
	} else {
		tap_skip(reason, "%s", name);
	}
}

bool rep_eq(uint64_t got, uint64_t want, const char *fmt, ...)
{
	char name[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (!rep_ok(got == want, "%s", name))
		rep_diag("  got %#llx (%llu), want %#llx (%llu)",
			 (unsigned long long)got, (unsigned long long)got,
			 (unsigned long long)want, (unsigned long long)want);
	return got == want;
}

void rep_replay(FILE *f)
{
	char line[1024];

	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		char *nl = strchr(line, '\n'), *tab;

		if (nl)
			*nl = '\0';
		switch (line[0]) {
		case '1':
		case '0':
			tap_ok(line[0] == '1', "%s", line + 2);
			break;
		case 's':
			tab = strchr(line + 2, '\t');
			if (tab) {
				*tab = '\0';
				tap_skip(line + 2, "%s", tab + 1);
			}
			break;
		default:
			tap_diag("%s", line[0] && line[1] ? line + 2 : line);
			break;
		}
	}
}
