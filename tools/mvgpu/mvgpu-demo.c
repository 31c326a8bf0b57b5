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
 * then check that nothing of another vGPU is visible.  Exits 0 if every
 * vGPU passed.
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

#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"

#define PAGES		16
#define PAGE		4096ul
#define IOVA		0x40000000ull
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

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
