// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-gtt - cost of GTT updates through the trap path and
 * bandwidth of the aperture pass-through, on one open vGPU.
 *
 *   mvgpu-bench-gtt [-p auto|group|cdev] [-t SECONDS] [-e ENTRIES]
 *                   [-g PAGES] [-m MIB] UUID
 *
 * Prints, from one run:
 *  (a) GTT entry updates per second (8-byte pwrite to BAR0's GTT, cycling
 *      over ENTRIES entries of the aperture slice that name PAGES
 *      DMA-mapped pages, every write re-pointing its entry), next to the
 *      rate of a trivial trapped register write (8-byte pwrite of SWF0/1)
 *      and a GTT entry read, with ratios;
 *  (b) aperture bandwidth: memcpy of MIB MiB into / out of the mmap of the
 *      slice (every page faulted in beforehand) against memcpy between two
 *      anonymous buffers of the same size, and BAR2 pread/pwrite (8 bytes
 *      a call), with ratios; plus the first-touch fault rate.
 * Each measurement runs for about SECONDS (default 1).  The vGPU must
 * exist and not be open; it is left reset (all entries 0) on exit.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "mvgpu_vfio.h"

#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define BAR2		VFIO_PCI_BAR2_REGION_INDEX
#define PG		4096ull
#define IOVA		0x100000000ull
#define MIB		(1ull << 20)

static struct mvgpu_dev dev;
static double seconds = 1.0;
static uint64_t ap_base, ap_size;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t gtt_off(uint64_t i)
{
	return MVGPU_GTT_OFFSET +
	       ((ap_base >> MVGPU_GTT_PAGE_SHIFT) + i) * MVGPU_GTT_ENTRY_SIZE;
}

static void die(const char *what, int err)
{
	fprintf(stderr, "mvgpu-bench-gtt: %s: %s\n", what, strerror(-err));
	mvgpu_close(&dev);
	exit(1);
}

static void *alloc(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap of anonymous memory", -errno);
	memset(p, 0x5a, len);	/* fault it in */
	return p;
}

/* ---- (a) trap path ------------------------------------------------ */

/* Register writes per second: 8-byte pwrites of SWF0/SWF1. */
static double rate_swf(void)
{
	uint64_t n = 0;
	double t0 = now(), t;
	int ret;

	do {
		for (unsigned int k = 0; k < 256; k++, n++) {
			ret = mvgpu_mmio_write64(&dev, MVGPU_REG_SWF(0), n);
			if (ret)
				die("SWF write", ret);
		}
		t = now() - t0;
	} while (t < seconds);
	return n / t;
}

/*
 * GTT updates per second: entry i of round r names page (i + r) % pages,
 * so every write re-points its entry (a pin cache hit: the page is held by
 * other entries), and the old target loses a reference.
 */
static double rate_gtt_update(unsigned int entries, unsigned int pages)
{
	uint64_t n = 0;
	double t0 = now(), t;
	int ret;

	do {
		for (unsigned int k = 0; k < 256; k++, n++) {
			uint64_t i = n % entries, r = n / entries;
			uint64_t pte = (IOVA + ((i + r + 1) % pages) * PG) |
				       MVGPU_GTT_PTE_PRESENT;

			ret = mvgpu_mmio_write64(&dev, gtt_off(i), pte);
			if (ret)
				die("GTT write", ret);
		}
		t = now() - t0;
	} while (t < seconds);
	return n / t;
}

static double rate_gtt_read(unsigned int entries)
{
	uint64_t n = 0, v;
	double t0 = now(), t;
	int ret;

	do {
		for (unsigned int k = 0; k < 256; k++, n++) {
			ret = mvgpu_mmio_read64(&dev, gtt_off(n % entries), &v);
			if (ret)
				die("GTT read", ret);
		}
		t = now() - t0;
	} while (t < seconds);
	return n / t;
}

/* ---- (b) aperture bandwidth ---------------------------------------- */

/* Bytes per second of memcpy(@dst, @src, @len), repeated for ~seconds. */
static double bw_memcpy(void *dst, const void *src, size_t len)
{
	uint64_t n = 0;
	double t0, t;

	memcpy(dst, src, len);	/* warm up */
	t0 = now();
	do {
		memcpy(dst, src, len);
		n++;
		t = now() - t0;
	} while (t < seconds || n < 3);
	return (double)n * len / t;
}

/* Bytes per second of 8-byte BAR2 preads (or pwrites) over the slice. */
static double bw_bar2(size_t len, bool write)
{
	uint64_t n = 0, v = 0;
	double t0 = now(), t;
	int ret;

	do {
		for (unsigned int k = 0; k < 256; k++, n++) {
			uint64_t off = ap_base + (n * 8) % len;

			ret = write ? mvgpu_write64(&dev, BAR2, off, n) :
				      mvgpu_read64(&dev, BAR2, off, &v);
			if (ret)
				die(write ? "BAR2 pwrite" : "BAR2 pread", ret);
		}
		t = now() - t0;
	} while (t < seconds);
	return n * 8.0 / t;
}

/* ---- output -------------------------------------------------------- */

static void row(const char *name, double val, const char *unit, double base)
{
	printf("  %-40s %14.1f %-8s %8.3f\n", name, val, unit, val / base);
}

static void usage(void)
{
	fprintf(stderr, "usage: mvgpu-bench-gtt [-p auto|group|cdev] "
		"[-t SECONDS] [-e ENTRIES] [-g PAGES] [-m MIB] UUID\n");
	exit(2);
}

int main(int argc, char **argv)
{
	enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
	unsigned int entries = 4096, pages = 16, mib = 16;
	double swf, upd, rd, cpy, to_ap, from_ap, prd, pwr, faults, t;
	uint8_t *guest, *src, *dst, *ap;
	size_t len;
	int opt, ret;

	while ((opt = getopt(argc, argv, "p:t:e:g:m:h")) != -1) {
		switch (opt) {
		case 'p':
			if (mvgpu_path_parse(optarg, &path))
				usage();
			break;
		case 't':
			seconds = atof(optarg);
			break;
		case 'e':
			entries = strtoul(optarg, NULL, 0);
			break;
		case 'g':
			pages = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			mib = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || seconds <= 0 || !entries || pages < 2 || !mib)
		usage();

	ret = mvgpu_open(&dev, argv[optind], path);
	if (!ret)
		ret = mvgpu_pv_handshake(&dev, NULL);
	if (ret)
		die("open", ret);
	ret = mvgpu_mmio_read64(&dev, MVGPU_PVINFO_OFFSET +
				MVGPU_PV_MAPPABLE_BASE, &ap_base);
	if (!ret)
		ret = mvgpu_mmio_read64(&dev, MVGPU_PVINFO_OFFSET +
					MVGPU_PV_MAPPABLE_SIZE, &ap_size);
	if (ret)
		die("PV info", ret);
	len = (size_t)mib * MIB;
	if (entries > ap_size / PG || len > ap_size) {
		fprintf(stderr, "mvgpu-bench-gtt: the aperture slice (%llu MiB) "
			"is too small for -e %u / -m %u\n",
			(unsigned long long)(ap_size / MIB), entries, mib);
		mvgpu_close(&dev);
		return 1;
	}

	/* Guest memory: MIB MiB (at least PAGES pages), DMA-mapped. */
	if (len < pages * PG)
		len = pages * PG;
	guest = alloc(len);
	src = alloc(len);
	dst = alloc(len);
	ret = mvgpu_dma_map(&dev, guest, IOVA, len);
	if (ret)
		die("DMA map", ret);

	printf("mvgpu-bench-gtt: vGPU %s, %s path, aperture %#llx+%#llx, "
	       "%.1f s per measurement\n", dev.uuid, mvgpu_path_name(dev.path),
	       (unsigned long long)ap_base, (unsigned long long)ap_size, seconds);

	/* (a) trap path. */
	for (unsigned int i = 0; i < entries; i++)
		mvgpu_mmio_write64(&dev, gtt_off(i), (IOVA + (i % pages) * PG) |
				   MVGPU_GTT_PTE_PRESENT);
	swf = rate_swf();
	upd = rate_gtt_update(entries, pages);
	rd = rate_gtt_read(entries);
	mvgpu_reset(&dev);
	mvgpu_pv_handshake(&dev, NULL);

	/* (b) aperture: entry i names guest page i; fault every page in. */
	for (size_t i = 0; i < len / PG; i++) {
		ret = mvgpu_mmio_write64(&dev, gtt_off(i), (IOVA + i * PG) |
					 MVGPU_GTT_PTE_PRESENT);
		if (ret)
			die("GTT write", ret);
	}
	ret = mvgpu_region_mmap(&dev, BAR2, ap_base, len,
				PROT_READ | PROT_WRITE, (void **)&ap);
	if (ret)
		die("mmap of the aperture", ret);
	t = now();
	for (size_t off = 0; off < len; off += PG)
		(void)*(volatile uint8_t *)(ap + off);
	t = now() - t;
	faults = len / PG / t;

	for (size_t i = 0; i < len; i++)
		src[i] = (uint8_t)(i * 131 + (i >> 12));
	cpy = bw_memcpy(dst, src, len);
	to_ap = bw_memcpy(ap, src, len);
	if (memcmp(guest, src, len)) {
		fprintf(stderr, "mvgpu-bench-gtt: data written through the "
			"aperture did not reach guest memory\n");
		munmap(ap, len);
		mvgpu_close(&dev);
		return 1;
	}
	from_ap = bw_memcpy(dst, ap, len);
	prd = bw_bar2(len, false);
	pwr = bw_bar2(len, true);
	munmap(ap, len);
	mvgpu_reset(&dev);
	mvgpu_dma_unmap(&dev, IOVA, len);
	mvgpu_close(&dev);

	printf("\n(a) trap path: %u entries naming %u pages\n", entries, pages);
	printf("  %-40s %14s %-8s %8s\n", "", "rate", "", "ratio");
	row("SWF register write (8-byte pwrite)", swf, "/s", swf);
	row("GTT entry update (8-byte pwrite)", upd, "/s", swf);
	row("GTT entry read (8-byte pread)", rd, "/s", swf);
	printf("  a GTT update costs %.2fx a register write\n", swf / upd);

	printf("\n(b) aperture bandwidth: %u MiB, all pages faulted in\n", mib);
	printf("  %-40s %14s %-8s %8s\n", "", "bandwidth", "", "ratio");
	row("memcpy anonymous -> anonymous", cpy / MIB, "MiB/s", cpy / MIB);
	row("memcpy anonymous -> aperture mmap", to_ap / MIB, "MiB/s", cpy / MIB);
	row("memcpy aperture mmap -> anonymous", from_ap / MIB, "MiB/s",
	    cpy / MIB);
	row("BAR2 pread (8 bytes a call)", prd / MIB, "MiB/s", cpy / MIB);
	row("BAR2 pwrite (8 bytes a call)", pwr / MIB, "MiB/s", cpy / MIB);
	printf("  first touch of the mapping: %.0f page faults/s\n", faults);
	return 0;
}
