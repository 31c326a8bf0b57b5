// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-guest-draw: runs inside a guest that QEMU gave a vGPU, with no
 * driver bound to it, and puts a known pattern on the vGPU's screen
 * through the PCI resource files, as a guest driver would:
 *
 *   1. find the vGPU (1234:4d56), enable memory decoding;
 *   2. map BAR0 (resource0), read the PV info page's magic (the handshake
 *      that lets a guest write its GTT) and its graphics memory slices;
 *   3. lock a framebuffer in memory, find each page's guest physical
 *      address in /proc/self/pagemap and point GTT entries of the hidden
 *      slice at them;
 *   4. draw the pattern (mvgpu_guest_pattern()) and flip the primary plane
 *      to it, waiting until DSPSURFLIVE shows it on screen.
 *
 * It prints "MVGPU-DRAWN <width>x<height>" and then waits for a line on
 * standard input (the host takes its screendump meanwhile) before it
 * exits: the framebuffer must stay in place until then.
 *
 * Static (the nested guest has only busybox).  Exit status 0, or 1 with
 * a message on standard error.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#define W	1024
#define H	768
#define PAGE	4096u

static volatile uint8_t *bar0;

static uint32_t rd(uint32_t off)
{
	return *(volatile uint32_t *)(bar0 + off);
}

static void wr(uint32_t off, uint32_t val)
{
	*(volatile uint32_t *)(bar0 + off) = val;
}

static void wr64(uint32_t off, uint64_t val)
{
	*(volatile uint64_t *)(bar0 + off) = val;
}

static int die(const char *what)
{
	fprintf(stderr, "mvgpu-guest-draw: %s: %s\n", what,
		errno ? strerror(errno) : "failed");
	return 1;
}

/* The pattern: red across, green down, blue a checkerboard of 32 px. */
static uint32_t pattern(unsigned int x, unsigned int y)
{
	uint32_t r = x * 255 / (W - 1), g = y * 255 / (H - 1);
	uint32_t b = ((x / 32) ^ (y / 32)) & 1 ? 0xff : 0x40;

	return r << 16 | g << 8 | b;
}

/* The hexadecimal number in @base/@dev/@file, or 0. */
static unsigned long read_hex(const char *base, const char *dev,
			      const char *file)
{
	unsigned long v = 0;
	char path[512], buf[32];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", base, dev, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f))
		v = strtoul(buf, NULL, 16);
	fclose(f);
	return v;
}

/* The vGPU's sysfs directory in @dir (PATH_MAX). */
static int find_vgpu(char *dir, size_t len)
{
	const char *base = "/sys/bus/pci/devices";
	struct dirent *e;
	DIR *d = opendir(base);

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (read_hex(base, e->d_name, "vendor") == MVGPU_PCI_VENDOR_ID &&
		    read_hex(base, e->d_name, "device") == MVGPU_PCI_DEVICE_ID) {
			snprintf(dir, len, "%s/%s", base, e->d_name);
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	errno = ENODEV;
	return -1;
}

/* Memory decoding on (no driver enabled the device). */
static int enable_memory(const char *dir)
{
	char path[600];
	uint16_t cmd;
	int fd;

	snprintf(path, sizeof(path), "%s/config", dir);
	fd = open(path, O_RDWR);
	if (fd < 0 || pread(fd, &cmd, 2, 4) != 2)
		return -1;
	cmd |= 0x6;	/* memory space, bus master */
	if (pwrite(fd, &cmd, 2, 4) != 2)
		return -1;
	return close(fd);
}

/* Guest physical address of the page at @va, from /proc/self/pagemap. */
static uint64_t phys_of(int pagemap, const void *va)
{
	uint64_t ent;
	off_t off = (uintptr_t)va / PAGE * 8;

	if (pread(pagemap, &ent, 8, off) != 8 || !(ent >> 63 & 1))
		return 0;
	return (ent & ((1ull << 55) - 1)) * PAGE;
}

static int wait_live(uint32_t surf)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 3000; i++) {	/* 30 s, nested TCG is slow */
		if (rd(MVGPU_DSPSURFLIVE(0)) == surf)
			return 0;
		nanosleep(&ts, NULL);
	}
	errno = ETIMEDOUT;
	return -1;
}

int main(void)
{
	char dir[512], path[600], line[64];
	size_t fb_size = (size_t)W * H * 4, i;
	uint64_t magic, hidden;
	uint32_t *fb;
	int fd, pagemap;

	if (find_vgpu(dir, sizeof(dir)))
		return die("no vGPU (1234:4d56) on the PCI bus");
	if (enable_memory(dir))
		return die("enabling memory decoding");
	snprintf(path, sizeof(path), "%s/resource0", dir);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0)
		return die(path);
	bar0 = mmap(NULL, MVGPU_BAR0_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
	if (bar0 == MAP_FAILED)
		return die("mmap of BAR0");

	magic = rd(MVGPU_PVINFO_OFFSET + MVGPU_PV_MAGIC_LO) |
		(uint64_t)rd(MVGPU_PVINFO_OFFSET + MVGPU_PV_MAGIC_HI) << 32;
	if (magic != MVGPU_PV_MAGIC) {
		errno = EPROTO;
		return die("PV magic");
	}
	hidden = rd(MVGPU_PVINFO_OFFSET + MVGPU_PV_HIDDEN_BASE) |
		 (uint64_t)rd(MVGPU_PVINFO_OFFSET + MVGPU_PV_HIDDEN_BASE + 4) << 32;

	fb = mmap(NULL, fb_size, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (fb == MAP_FAILED || mlock(fb, fb_size))
		return die("framebuffer");
	for (i = 0; i < (size_t)W * H; i++)
		fb[i] = pattern(i % W, i / W);
	pagemap = open("/proc/self/pagemap", O_RDONLY);
	if (pagemap < 0)
		return die("/proc/self/pagemap");
	for (i = 0; i < fb_size / PAGE; i++) {
		uint64_t pa = phys_of(pagemap, (uint8_t *)fb + i * PAGE);

		if (!pa) {
			errno = EFAULT;
			return die("a framebuffer page has no physical address");
		}
		wr64(MVGPU_GTT_OFFSET + 8 * ((hidden >> 12) + i),
		     pa | MVGPU_GTT_PTE_PRESENT);
	}

	wr(MVGPU_PIPESRC(0), MVGPU_PIPESRC_VAL(W, H));
	wr(MVGPU_DSPSTRIDE(0), W * 4);
	wr(MVGPU_DSPCNTR(0), MVGPU_DSPCNTR_ENABLE |
	   MVGPU_DSPCNTR_FORMAT(MVGPU_FORMAT_BGRX888));
	wr(MVGPU_PIPECONF(0), MVGPU_PIPECONF_ENABLE);
	wr(MVGPU_DSPSURF(0), (uint32_t)hidden);
	if (wait_live((uint32_t)hidden))
		return die("the flip did not take effect");
	printf("MVGPU-DRAWN %ux%u\n", W, H);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = 0;
	return 0;
}
