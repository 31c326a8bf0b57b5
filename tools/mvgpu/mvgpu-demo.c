// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-demo - drive several vGPUs at once through VFIO, as a guest driver
 * would, and check every result.
 *
 *   mvgpu-demo UUID...
 *
 * For each vGPU, in its own process: open it, read the PV info page,
 * get a PV event interrupt through an MSI eventfd, map guest memory for
 * DMA, point the vGPU's GTT entries at it, write a per-vGPU pattern
 * through the aperture mmap and verify it byte for byte in guest memory,
 * then check that nothing of another vGPU is visible.  Then real GPU
 * work, as a guest driver submits it (tests/e2e/common/gpu.c): rings and
 * status pages for both engines, a fill and a copy on the blitter and a
 * SAXPY plus CHECKSUM on the render engine, each waited for through its
 * MSI and verified byte for byte against the CPU.  Exits 0 if every vGPU
 * passed.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "gpu.h"
#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"

#define PAGES		16
#define PAGE		4096ul
#define IOVA		0x40000000ull
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

/* GPU work: guest memory in the hidden slice. */
#define GPU_IOVA	0x80000000ull
#define GPU_MEM		(2u << 20)
#define N		(64u << 10)		/* SAXPY elements */
#define PITCH		1024u			/* 256 pixels */
#define ROWS		64u
#define WAIT_MS		20000

#define FAIL(...) do { fprintf(stderr, "[%s] FAIL: ", uuid); \
		       fprintf(stderr, __VA_ARGS__); goto out; } while (0)

static int ping_interrupt(struct mvgpu_dev *dev, const char *uuid)
{
	uint32_t iir = 0, event = 0;
	int efd = mvgpu_eventfd_new(), ret = -1;

	if (efd < 0 || mvgpu_irq_set_trigger(dev, VFIO_PCI_MSI_IRQ_INDEX, efd))
		FAIL("cannot attach an MSI eventfd\n");
	mvgpu_mmio_write32(dev, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_MISC), 0);
	mvgpu_mmio_write32(dev, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_MISC),
			   MVGPU_DE_MISC_PV_EVENT);
	mvgpu_mmio_write32(dev, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	mvgpu_mmio_write32(dev, PV(MVGPU_PV_G2V_NOTIFY), MVGPU_G2V_PING);
	if (mvgpu_eventfd_wait(efd, 5000) != 1)
		FAIL("no MSI within 5 s\n");
	mvgpu_mmio_read32(dev, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC), &iir);
	mvgpu_mmio_read32(dev, PV(MVGPU_PV_V2G_EVENT), &event);
	if (!(iir & MVGPU_DE_MISC_PV_EVENT) || event != MVGPU_V2G_PONG)
		FAIL("IIR %#x event %u after the interrupt\n", iir, event);
	mvgpu_mmio_write32(dev, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC), iir);
	printf("[%s] MSI received: PV event PONG\n", uuid);
	ret = 0;
out:
	mvgpu_irq_disable(dev, VFIO_PCI_MSI_IRQ_INDEX);
	if (efd >= 0)
		close(efd);
	return ret;
}

/* Submit @cs on engine @e and wait for its interrupt; 0 or -errno. */
static int submit_wait(struct gpu *g, unsigned int e, struct gpu_cs *cs,
		       const char *uuid, const char *what)
{
	uint32_t tail, bits = 0;
	int ret = gpu_submit(g, e, cs, &tail);

	if (!ret)
		ret = gpu_wait(g, e, tail, WAIT_MS, &bits);
	if (ret) {
		uint32_t code, off;
		uint64_t buf;

		gpu_engine_error(g, e, &code, &off, &buf);
		fprintf(stderr, "[%s] FAIL: %s: %s (engine error %s at %#x of %#llx)\n",
			uuid, what, g->err, gpu_err_name(code), off,
			(unsigned long long)buf);
		return ret;
	}
	if (!(bits & MVGPU_GT0_USER_INTERRUPT(e)) ||
	    !(bits & MVGPU_GT0_CTX_SWITCH(e))) {
		fprintf(stderr, "[%s] FAIL: %s: interrupt bits %#x\n", uuid,
			what, bits);
		return -EIO;
	}
	return 0;
}

static int gpu_work(struct mvgpu_dev *dev, const char *uuid, unsigned int seed)
{
	static uint32_t stage[1024];
	const uint32_t color = 0xff000000u | seed * 0x00203040u;
	const uint32_t fx1 = 13, fy1 = 5, fx2 = 201, fy2 = 50;
	const uint32_t cx1 = 20, cy1 = 30, cx2 = 120, cy2 = 60, sx = 4, sy = 2;
	const uint32_t scalar = 3 + seed;
	uint64_t ring[2], hws[2], res, a_gm, b_gm, d_gm, dst_gm, src_gm;
	uint8_t *dst, *src, *exp = NULL;
	uint32_t *a, *b, *d, *ref = NULL, x, y, i, sum;
	struct gpu_cs cs;
	struct gpu g;
	int ret = 1;

	if (gpu_attach(&g, dev) ||
	    gpu_mem_init(&g, g.hid_base, GPU_MEM, GPU_IOVA) ||
	    gpu_irq_init(&g))
		FAIL("GPU setup: %s\n", g.err);
	for (i = 0; i < 2; i++) {
		ring[i] = gpu_alloc(&g, GPU_RING_SIZE, 0);
		hws[i] = gpu_alloc(&g, GPU_PAGE, 0);
		if (gpu_ring_init(&g, i, ring[i], GPU_RING_SIZE, hws[i]))
			FAIL("ring setup: %s\n", g.err);
	}
	res = gpu_alloc(&g, GPU_PAGE, 0);
	a_gm = gpu_alloc(&g, 4 * N, 0);
	b_gm = gpu_alloc(&g, 4 * N, 0);
	d_gm = gpu_alloc(&g, 4 * N, 0);
	dst_gm = gpu_alloc(&g, PITCH * ROWS, 0);
	src_gm = gpu_alloc(&g, PITCH * ROWS, 0);
	ref = malloc(4 * N);
	exp = malloc(PITCH * ROWS);
	if (!src_gm || !ref || !exp)
		FAIL("out of memory\n");
	a = gpu_va(&g, a_gm);
	b = gpu_va(&g, b_gm);
	d = gpu_va(&g, d_gm);
	dst = gpu_va(&g, dst_gm);
	src = gpu_va(&g, src_gm);
	printf("[%s] GPU: rings and status pages at %#llx/%#llx (hidden slice), interrupts on\n",
	       uuid, (unsigned long long)ring[0], (unsigned long long)ring[1]);

	/* BCS: fill a rectangle of a surface with a pitch. */
	for (i = 0; i < PITCH * ROWS; i++) {
		dst[i] = (uint8_t)(i * 7 + seed);
		src[i] = (uint8_t)(i * 11 + seed * 3);
	}
	memcpy(exp, dst, PITCH * ROWS);
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_color_blt(&cs, dst_gm, PITCH, fx1, fy1, fx2, fy2, color);
	cs_user_interrupt(&cs);
	if (submit_wait(&g, MVGPU_ENGINE_BCS, &cs, uuid, "fill"))
		goto out;
	for (y = fy1; y < fy2; y++)
		for (x = fx1; x < fx2; x++)
			memcpy(exp + y * PITCH + 4 * x, &color, 4);
	if (memcmp(dst, exp, PITCH * ROWS))
		FAIL("fill: the surface differs from the CPU's\n");
	printf("[%s] BCS fill: %ux%u pixels of colour %#x at (%u,%u), pitch %u: all %u bytes of the surface verified\n",
	       uuid, fx2 - fx1, fy2 - fy1, color, fx1, fy1, PITCH, PITCH * ROWS);

	/* BCS: copy a rectangle from another surface. */
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_copy_blt(&cs, dst_gm, PITCH, cx1, cy1, cx2, cy2, src_gm, PITCH, sx, sy);
	cs_user_interrupt(&cs);
	if (submit_wait(&g, MVGPU_ENGINE_BCS, &cs, uuid, "copy"))
		goto out;
	for (y = 0; y < cy2 - cy1; y++)
		memcpy(exp + (cy1 + y) * PITCH + 4 * cx1,
		       src + (sy + y) * PITCH + 4 * sx, 4 * (cx2 - cx1));
	if (memcmp(dst, exp, PITCH * ROWS))
		FAIL("copy: the surface differs from the CPU's\n");
	printf("[%s] BCS copy: %ux%u pixels from (%u,%u) to (%u,%u): all %u bytes of the surface verified\n",
	       uuid, cx2 - cx1, cy2 - cy1, sx, sy, cx1, cy1, PITCH * ROWS);

	/* RCS: SAXPY, then CHECKSUM of its result, in one submission. */
	for (i = 0; i < N; i++) {
		a[i] = i * 2654435761u + seed;
		b[i] = ~i ^ seed << 24;
		d[i] = 0;
	}
	gpu_saxpy_ref(ref, a, b, N, scalar);
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, N, a_gm, b_gm, d_gm, scalar);
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, N, d_gm, 0, res, 0);
	cs_user_interrupt(&cs);
	if (submit_wait(&g, MVGPU_ENGINE_RCS, &cs, uuid, "SAXPY + CHECKSUM"))
		goto out;
	if (memcmp(d, ref, 4 * N))
		FAIL("SAXPY: the result differs from the CPU's\n");
	sum = *(volatile uint32_t *)gpu_va(&g, res);
	if (sum != gpu_fnv1a(ref, 4 * N))
		FAIL("CHECKSUM %#x, the CPU says %#x\n", sum,
		     gpu_fnv1a(ref, 4 * N));
	printf("[%s] RCS SAXPY of %u elements (scalar %u) and CHECKSUM %#010x: equal to the CPU's, byte for byte\n",
	       uuid, N, scalar, sum);
	ret = 0;
out:
	free(ref);
	free(exp);
	gpu_release(&g);	/* VFIO reset first, then the DMA unmap */
	return ret;
}

static int run_one(const char *uuid, unsigned int seed)
{
	uint64_t magic = 0, ap_base = 0, ap_size = 0, pte, back;
	struct mvgpu_dev dev;
	uint8_t *mem = MAP_FAILED, *ap = NULL;
	uint32_t id = 0;
	unsigned int i;
	int ret = 1;

	if (mvgpu_open(&dev, uuid, MVGPU_VFIO_AUTO)) {
		fprintf(stderr, "[%s] FAIL: cannot open\n", uuid);
		return 1;
	}
	mvgpu_mmio_read64(&dev, PV(MVGPU_PV_MAGIC_LO), &magic);
	mvgpu_mmio_read32(&dev, PV(MVGPU_PV_VGPU_ID), &id);
	mvgpu_mmio_read64(&dev, PV(MVGPU_PV_MAPPABLE_BASE), &ap_base);
	mvgpu_mmio_read64(&dev, PV(MVGPU_PV_MAPPABLE_SIZE), &ap_size);
	if (magic != MVGPU_PV_MAGIC)
		FAIL("PV magic %#llx\n", (unsigned long long)magic);
	printf("[%s] opened via %s: vgpu%u, aperture [%#llx, +%#llx)\n", uuid,
	       mvgpu_path_name(dev.path), id, (unsigned long long)ap_base,
	       (unsigned long long)ap_size);
	if (ping_interrupt(&dev, uuid))
		goto out;

	mem = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED || mvgpu_dma_map(&dev, mem, IOVA, PAGES * PAGE))
		FAIL("cannot map guest memory for DMA\n");
	memset(mem, 0, PAGES * PAGE);
	for (i = 0; i < PAGES; i++) {
		uint64_t gtt = MVGPU_GTT_OFFSET + 8 * ((ap_base / PAGE) + i);

		pte = (IOVA + i * PAGE) | MVGPU_GTT_PTE_PRESENT;
		if (mvgpu_mmio_write64(&dev, gtt, pte) ||
		    mvgpu_mmio_read64(&dev, gtt, &back) || back != pte)
			FAIL("GTT entry %u did not stick\n", i);
	}
	if (mvgpu_region_mmap(&dev, VFIO_PCI_BAR2_REGION_INDEX, ap_base,
			      PAGES * PAGE, PROT_READ | PROT_WRITE,
			      (void **)&ap))
		FAIL("cannot mmap the aperture slice\n");
	for (i = 0; i < PAGES * PAGE; i++)
		ap[i] = (uint8_t)(seed * 131 + i * 7);
	for (i = 0; i < PAGES * PAGE; i++)
		if (mem[i] != (uint8_t)(seed * 131 + i * 7))
			FAIL("guest byte %u is %#x after the aperture write\n",
			     i, mem[i]);
	printf("[%s] %lu bytes written through the aperture mmap landed in guest memory\n",
	       uuid, PAGES * PAGE);
	/* And the other way round: guest memory shows through the aperture. */
	memset(mem + 3 * PAGE, 0xa5, PAGE);
	for (i = 0; i < PAGE; i++)
		if (ap[3 * PAGE + i] != 0xa5)
			FAIL("aperture byte %u does not show guest memory\n", i);
	if (gpu_work(&dev, uuid, seed))
		goto out;
	printf("[%s] PASS\n", uuid);
	ret = 0;
out:
	if (ap)
		munmap(ap, PAGES * PAGE);
	if (mem != MAP_FAILED) {
		/* Quiesce the device (drops its pins) before taking memory away. */
		mvgpu_reset(&dev);
		mvgpu_dma_unmap(&dev, IOVA, PAGES * PAGE);
		munmap(mem, PAGES * PAGE);
	}
	mvgpu_close(&dev);
	return ret;
}

int main(int argc, char **argv)
{
	int i, status, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: mvgpu-demo UUID...\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (!pid)
			_exit(run_one(argv[i], i));
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	printf("mvgpu-demo: %d vGPUs, %d passed, %d failed\n", argc - 1,
	       argc - 1 - failed, failed);
	return failed ? 1 : 0;
}
