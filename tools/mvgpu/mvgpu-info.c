// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-info - show what a vGPU looks like through VFIO.
 *
 *   mvgpu-info [-p auto|group|cdev] UUID
 *
 * Prints the sysfs view (type, parent, per-vGPU attributes), the VFIO
 * device, region and IRQ information, the PCI config space header and
 * capabilities, and the PV info page.  Exits 0 on success, 1 if the
 * device cannot be opened, 2 on a usage error.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: mvgpu-info [-p auto|group|cdev] UUID\n");
}

/* Basename of the target of symlink @path into @buf ("?" on error). */
static void link_base(const char *path, char *buf, size_t len)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *base;

	if (n < 0) {
		snprintf(buf, len, "?");
		return;
	}
	target[n] = '\0';
	base = strrchr(target, '/');
	snprintf(buf, len, "%s", base ? base + 1 : target);
}

static void print_sysfs(const char *uuid)
{
	static const struct {
		const char *name;
		bool hex;
	} attrs[] = {
		{ "vgpu_id", false }, { "aperture_base", true },
		{ "aperture_size", true }, { "hidden_base", true },
		{ "hidden_size", true }, { "weight", false },
	};
	char path[PATH_MAX], type[PATH_MAX], parent[PATH_MAX];
	size_t i;

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mdev_type", uuid);
	link_base(path, type, sizeof(type));
	if (mvgpu_vgpu_pgpu(uuid, parent, sizeof(parent)))
		snprintf(parent, sizeof(parent), "?");
	printf("sysfs:\n  type %s, parent %s\n ", type, parent);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		uint64_t v;

		if (mvgpu_vgpu_attr_u64(uuid, attrs[i].name, &v))
			printf(" %s ?", attrs[i].name);
		else
			printf(attrs[i].hex ? " %s %#llx" : " %s %llu",
			       attrs[i].name, (unsigned long long)v);
	}
	printf("\n");
}

/* Print the names of the bits of @flags found in @names (bit i = names[i]). */
static void print_flags(uint32_t flags, const char *const *names, unsigned int n)
{
	unsigned int i;

	printf("%#x (", flags);
	for (i = 0; i < n; i++)
		if ((flags & (1u << i)) && names[i])
			printf(" %s", names[i]);
	printf(" )");
}

static void print_device(struct mvgpu_dev *dev)
{
	static const char *const names[] = {
		"RESET", "PCI", "PLATFORM", "AMBA", "CCW", "AP", "FSL_MC",
		"CAPS", "CDX",
	};

	printf("device: path %s, flags ", mvgpu_path_name(dev->path));
	print_flags(dev->info.flags, names, sizeof(names) / sizeof(names[0]));
	printf(", %u regions, %u irqs\n", dev->info.num_regions,
	       dev->info.num_irqs);
}

static void print_region_caps(const struct vfio_region_info *ri)
{
	const struct vfio_info_cap_header *hdr;
	uint32_t i;

	hdr = mvgpu_region_cap_find(ri, VFIO_REGION_INFO_CAP_SPARSE_MMAP);
	if (hdr) {
		const struct vfio_region_info_cap_sparse_mmap *sp =
			(const void *)hdr;

		printf("      sparse mmap: %u areas", sp->nr_areas);
		for (i = 0; i < sp->nr_areas; i++)
			printf(" [%#llx+%#llx]",
			       (unsigned long long)sp->areas[i].offset,
			       (unsigned long long)sp->areas[i].size);
		printf("\n");
	}
	hdr = mvgpu_region_cap_find(ri, VFIO_REGION_INFO_CAP_TYPE);
	if (hdr) {
		const struct vfio_region_info_cap_type *t = (const void *)hdr;

		printf("      type %#x subtype %#x\n", t->type, t->subtype);
	}
}

static void print_regions(struct mvgpu_dev *dev)
{
	static const char *const names[] = { "READ", "WRITE", "MMAP", "CAPS" };
	uint32_t i;

	printf("regions:\n");
	for (i = 0; i < dev->info.num_regions; i++) {
		struct vfio_region_info *ri;
		int ret = mvgpu_region_info(dev, i, &ri);

		if (ret) {
			printf("  %u %-7s error %s\n", i, mvgpu_region_name(i),
			       strerror(-ret));
			continue;
		}
		printf("  %u %-7s size %#llx offset %#llx flags ", i,
		       mvgpu_region_name(i), (unsigned long long)ri->size,
		       (unsigned long long)ri->offset);
		print_flags(ri->flags, names, 4);
		printf("\n");
		print_region_caps(ri);
		free(ri);
	}
}

static void print_irqs(struct mvgpu_dev *dev)
{
	static const char *const names[] = {
		"EVENTFD", "MASKABLE", "AUTOMASKED", "NORESIZE",
	};
	uint32_t i;

	printf("irqs:\n");
	for (i = 0; i < dev->info.num_irqs; i++) {
		struct vfio_irq_info irq;
		int ret = mvgpu_irq_info(dev, i, &irq);

		if (ret) {
			printf("  %u %-5s error %s\n", i, mvgpu_irq_name(i),
			       strerror(-ret));
			continue;
		}
		printf("  %u %-5s count %u flags ", i, mvgpu_irq_name(i),
		       irq.count);
		print_flags(irq.flags, names, 4);
		printf("\n");
	}
}

static void print_caps(const uint8_t *c)
{
	unsigned int pos = c[0x34] & ~3u, hops = 0;

	while (pos && pos + 2 <= MVGPU_CFG_SIZE && hops++ < 48) {
		const uint8_t *cap = c + pos;

		printf("  cap @%#04x id %#04x", pos, cap[0]);
		if (cap[0] == 0x05)
			printf(" MSI, control %#06x", cap[2] | cap[3] << 8);
		if (cap[0] == 0x09 && pos + MVGPU_VNDR_CAP_LEN <= MVGPU_CFG_SIZE)
			printf(" vendor, len %u version %u weight %u max %ux%u "
			       "pvinfo %#x", cap[2], cap[3],
			       cap[MVGPU_VNDR_WEIGHT],
			       cap[MVGPU_VNDR_MAX_HRES] | cap[MVGPU_VNDR_MAX_HRES + 1] << 8,
			       cap[MVGPU_VNDR_MAX_VRES] | cap[MVGPU_VNDR_MAX_VRES + 1] << 8,
			       cap[MVGPU_VNDR_PVINFO] | cap[MVGPU_VNDR_PVINFO + 1] << 8 |
			       cap[MVGPU_VNDR_PVINFO + 2] << 16 |
			       (uint32_t)cap[MVGPU_VNDR_PVINFO + 3] << 24);
		printf("\n");
		pos = cap[1] & ~3u;
	}
}

static void print_config(struct mvgpu_dev *dev)
{
	uint8_t c[MVGPU_CFG_SIZE];
	unsigned int i;
	int ret;

	/* Dword reads: the size a guest uses. */
	for (i = 0; i < MVGPU_CFG_SIZE; i += 4) {
		ret = mvgpu_region_read(dev, VFIO_PCI_CONFIG_REGION_INDEX, i,
					c + i, 4);
		if (ret) {
			printf("config space: read at %#x failed: %s\n", i,
			       strerror(-ret));
			return;
		}
	}
	printf("config space:\n");
	printf("  vendor %04x device %04x subsystem %04x:%04x revision %02x "
	       "class %06x header %02x\n",
	       c[0] | c[1] << 8, c[2] | c[3] << 8, c[0x2c] | c[0x2d] << 8,
	       c[0x2e] | c[0x2f] << 8, c[8], c[9] | c[10] << 8 | c[11] << 16,
	       c[0x0e]);
	printf("  command %04x status %04x irq pin %u line %u\n",
	       c[4] | c[5] << 8, c[6] | c[7] << 8, c[0x3d], c[0x3c]);
	for (i = 0; i < 6; i++) {
		const uint8_t *b = c + 0x10 + 4 * i;

		printf("  BAR%u %08x\n", i,
		       b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24);
	}
	print_caps(c);
}

static void print_pvinfo(struct mvgpu_dev *dev)
{
	static const struct {
		const char *name;
		uint32_t off;
		int bytes;
	} fields[] = {
		{ "magic", MVGPU_PV_MAGIC_LO, 8 },
		{ "version", MVGPU_PV_VERSION, 4 },
		{ "vgpu_id", MVGPU_PV_VGPU_ID, 4 },
		{ "caps", MVGPU_PV_CAPS, 4 },
		{ "mappable_base", MVGPU_PV_MAPPABLE_BASE, 8 },
		{ "mappable_size", MVGPU_PV_MAPPABLE_SIZE, 8 },
		{ "hidden_base", MVGPU_PV_HIDDEN_BASE, 8 },
		{ "hidden_size", MVGPU_PV_HIDDEN_SIZE, 8 },
		{ "display_ready", MVGPU_PV_DISPLAY_READY, 4 },
		{ "g2v_notify", MVGPU_PV_G2V_NOTIFY, 4 },
		{ "v2g_event", MVGPU_PV_V2G_EVENT, 4 },
		{ "v2g_seqno", MVGPU_PV_V2G_SEQNO, 4 },
	};
	size_t i;

	printf("PV info (BAR0 + %#x):\n", MVGPU_PVINFO_OFFSET);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		uint64_t off = MVGPU_PVINFO_OFFSET + fields[i].off;
		uint64_t v = 0;
		uint32_t v32;
		int ret;

		if (fields[i].bytes == 8) {
			ret = mvgpu_mmio_read64(dev, off, &v);
		} else {
			ret = mvgpu_mmio_read32(dev, off, &v32);
			v = v32;
		}
		if (ret)
			printf("  %-14s error %s\n", fields[i].name, strerror(-ret));
		else
			printf("  %-14s %#llx%s\n", fields[i].name,
			       (unsigned long long)v,
			       fields[i].off == MVGPU_PV_MAGIC_LO ?
			       (v == MVGPU_PV_MAGIC ? " (ok)" : " (BAD)") : "");
	}
}

int main(int argc, char **argv)
{
	enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
	struct mvgpu_dev dev;
	int opt, ret;

	while ((opt = getopt(argc, argv, "hp:")) != -1) {
		switch (opt) {
		case 'p':
			if (mvgpu_path_parse(optarg, &path)) {
				usage(stderr);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}

	ret = mvgpu_open(&dev, argv[optind], path);
	if (ret) {
		fprintf(stderr, "mvgpu-info: cannot open vGPU %s through the %s "
			"path: %s\n", argv[optind], mvgpu_path_name(path),
			strerror(-ret));
		if (ret == -ENODEV)
			fprintf(stderr, "mvgpu-info: no such mdev device "
				"(" MVGPU_MDEV_DEV_DIR "/%s)\n", argv[optind]);
		return 1;
	}
	printf("vGPU %s\n", dev.uuid);
	print_sysfs(dev.uuid);
	print_device(&dev);
	print_regions(&dev);
	print_irqs(&dev);
	print_config(&dev);
	print_pvinfo(&dev);
	mvgpu_close(&dev);
	return 0;
}
