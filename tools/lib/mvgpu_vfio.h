/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mvgpu_vfio.h - libmvgpu: a small userspace VFIO client for mvgpu vGPUs.
 *
 * A vGPU is an mdev device named by its UUID.  It can be opened through the
 * legacy group/container interface (/dev/vfio/<group>, /dev/vfio/vfio) or
 * through the iommufd device cdev (/dev/vfio/devices/vfioN, /dev/iommu).
 * Once open, both paths behave the same for everything below.
 *
 * Conventions:
 *  - Every function returning int returns 0 (or a non-negative value where
 *    documented) on success and -errno on failure.  Nothing calls exit().
 *  - Region accesses are passed to the kernel unchecked (no client-side
 *    bounds or alignment checks) so that tests can exercise the kernel's
 *    error paths.  A short transfer is reported as -EIO.
 *  - Multi-byte values are little-endian on the device side; the helpers
 *    convert to host order.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_VFIO_H
#define MVGPU_VFIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vfio.h>

/* How to reach the device. */
enum mvgpu_vfio_path {
	MVGPU_VFIO_AUTO,	/* cdev if available, else group */
	MVGPU_VFIO_GROUP,	/* group + type1 container */
	MVGPU_VFIO_CDEV,	/* device cdev + iommufd IOAS */
};

#define MVGPU_UUID_LEN		36
/* Regions cached at open time (the PCI ones are indices 0..8). */
#define MVGPU_MAX_REGIONS	16

/* Geometry of one device region, from VFIO_DEVICE_GET_REGION_INFO. */
struct mvgpu_region {
	uint32_t flags;		/* VFIO_REGION_INFO_FLAG_* */
	uint64_t size;
	uint64_t offset;	/* file offset of the region in the device fd */
};

/* An open vGPU.  Treat the fields as read-only. */
struct mvgpu_dev {
	char uuid[MVGPU_UUID_LEN + 1];
	enum mvgpu_vfio_path path;	/* the path actually used */
	int device_fd;
	/* group path */
	int group_fd;
	int container_fd;
	/* cdev path */
	int iommufd;
	uint32_t ioas_id;
	uint32_t devid;

	struct vfio_device_info info;
	unsigned int nr_regions;	/* entries valid in regions[] */
	struct mvgpu_region regions[MVGPU_MAX_REGIONS];
};

/* ---- open / close (mvgpu_vfio.c) ---------------------------------- */

/* "auto", "group" or "cdev". */
const char *mvgpu_path_name(enum mvgpu_vfio_path path);

/* Parse "auto", "group" or "cdev"; returns -EINVAL for anything else. */
int mvgpu_path_parse(const char *name, enum mvgpu_vfio_path *path);

/*
 * Whether @path can be tried for @uuid on this system: for CDEV,
 * /dev/iommu and the device's vfio-dev/ directory must exist; for GROUP,
 * /dev/vfio/vfio and the iommu_group link.  Returns 0 or -ENOENT/-ENODEV.
 */
int mvgpu_path_available(const char *uuid, enum mvgpu_vfio_path path);

/*
 * Open the vGPU @uuid through @path, query the device info and cache the
 * geometry of every region.  AUTO tries CDEV first and falls back to
 * GROUP.  On failure @dev is left closed (all fds -1).
 */
int mvgpu_open(struct mvgpu_dev *dev, const char *uuid,
	       enum mvgpu_vfio_path path);

/* Close everything @dev holds; safe on a closed or failed @dev. */
void mvgpu_close(struct mvgpu_dev *dev);

/* VFIO_DEVICE_RESET. */
int mvgpu_reset(struct mvgpu_dev *dev);

/* ---- information (mvgpu_info.c) ----------------------------------- */

/* VFIO_DEVICE_GET_INFO into @info (also cached in dev->info at open). */
int mvgpu_device_info(struct mvgpu_dev *dev, struct vfio_device_info *info);

/*
 * VFIO_DEVICE_GET_REGION_INFO for @index, including the capability chain.
 * On success *@info is a malloc()ed buffer of info->argsz bytes that the
 * caller free()s.
 */
int mvgpu_region_info(struct mvgpu_dev *dev, uint32_t index,
		      struct vfio_region_info **info);

/*
 * Find capability @id in the chain of @info (a buffer from
 * mvgpu_region_info()).  Returns NULL if absent or if the chain is
 * malformed (offsets outside the buffer, loops).
 */
const struct vfio_info_cap_header *
mvgpu_region_cap_find(const struct vfio_region_info *info, uint16_t id);

/* VFIO_DEVICE_GET_IRQ_INFO for @index. */
int mvgpu_irq_info(struct mvgpu_dev *dev, uint32_t index,
		   struct vfio_irq_info *info);

/* Names for printing: "BAR0".."BAR5", "ROM", "CONFIG", "VGA", "INTX"... */
const char *mvgpu_region_name(uint32_t index);
const char *mvgpu_irq_name(uint32_t index);

/* ---- region access (mvgpu_rw.c) ----------------------------------- */

/* pread/pwrite @len bytes at offset @off of region @index. */
int mvgpu_region_read(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		      void *buf, size_t len);
int mvgpu_region_write(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		       const void *buf, size_t len);

/* Single accesses of exactly 1, 2, 4 or 8 bytes (one pread/pwrite each). */
int mvgpu_read8(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint8_t *val);
int mvgpu_read16(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint16_t *val);
int mvgpu_read32(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint32_t *val);
int mvgpu_read64(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint64_t *val);
int mvgpu_write8(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint8_t val);
int mvgpu_write16(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint16_t val);
int mvgpu_write32(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint32_t val);
int mvgpu_write64(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint64_t val);

/* Shorthands for BAR0 (MMIO registers) and the config space region. */
#define mvgpu_mmio_read32(d, o, v)  mvgpu_read32(d, VFIO_PCI_BAR0_REGION_INDEX, o, v)
#define mvgpu_mmio_read64(d, o, v)  mvgpu_read64(d, VFIO_PCI_BAR0_REGION_INDEX, o, v)
#define mvgpu_mmio_write32(d, o, v) mvgpu_write32(d, VFIO_PCI_BAR0_REGION_INDEX, o, v)
#define mvgpu_mmio_write64(d, o, v) mvgpu_write64(d, VFIO_PCI_BAR0_REGION_INDEX, o, v)
#define mvgpu_cfg_read8(d, o, v)    mvgpu_read8(d, VFIO_PCI_CONFIG_REGION_INDEX, o, v)
#define mvgpu_cfg_read16(d, o, v)   mvgpu_read16(d, VFIO_PCI_CONFIG_REGION_INDEX, o, v)
#define mvgpu_cfg_read32(d, o, v)   mvgpu_read32(d, VFIO_PCI_CONFIG_REGION_INDEX, o, v)
#define mvgpu_cfg_write8(d, o, v)   mvgpu_write8(d, VFIO_PCI_CONFIG_REGION_INDEX, o, v)
#define mvgpu_cfg_write16(d, o, v)  mvgpu_write16(d, VFIO_PCI_CONFIG_REGION_INDEX, o, v)
#define mvgpu_cfg_write32(d, o, v)  mvgpu_write32(d, VFIO_PCI_CONFIG_REGION_INDEX, o, v)

/*
 * mmap @len bytes at offset @off of region @index with @prot (PROT_*),
 * MAP_SHARED.  Unmap with munmap().
 */
int mvgpu_region_mmap(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		      size_t len, int prot, void **addr);

/* ---- DMA (mvgpu_dma.c) -------------------------------------------- */

/*
 * Map @size bytes of user memory at @vaddr to @iova, readable and
 * writable by the device (VFIO_IOMMU_MAP_DMA on the container, or
 * IOMMU_IOAS_MAP with a fixed IOVA on iommufd).  @vaddr, @iova and @size
 * must be page aligned.
 */
int mvgpu_dma_map(struct mvgpu_dev *dev, void *vaddr, uint64_t iova,
		  uint64_t size);

/*
 * Undo mvgpu_dma_map() for exactly [@iova, @iova + @size).  Returns
 * -ENOENT if the kernel unmapped less than that (e.g. nothing was mapped).
 */
int mvgpu_dma_unmap(struct mvgpu_dev *dev, uint64_t iova, uint64_t size);

/* ---- interrupts (mvgpu_irq.c) ------------------------------------- */

/*
 * Raw VFIO_DEVICE_SET_IRQS: @flags are VFIO_IRQ_SET_DATA_* |
 * VFIO_IRQ_SET_ACTION_*, @data (@data_len bytes, may be NULL/0) follows
 * the header unchanged.  For malformed-request tests.
 */
int mvgpu_set_irqs(struct mvgpu_dev *dev, uint32_t flags, uint32_t index,
		   uint32_t start, uint32_t count,
		   const void *data, size_t data_len);

/* Attach eventfd @efd as trigger of vector 0 of @index; -1 detaches it. */
int mvgpu_irq_set_trigger(struct mvgpu_dev *dev, uint32_t index, int efd);

/* Disable all triggers of @index (DATA_NONE | ACTION_TRIGGER, count 0). */
int mvgpu_irq_disable(struct mvgpu_dev *dev, uint32_t index);

/* Unmask / mask vector 0 of @index (DATA_NONE | ACTION_UNMASK/MASK). */
int mvgpu_irq_unmask(struct mvgpu_dev *dev, uint32_t index);
int mvgpu_irq_mask(struct mvgpu_dev *dev, uint32_t index);

/* A new non-blocking, close-on-exec eventfd; returns the fd or -errno. */
int mvgpu_eventfd_new(void);

/*
 * Wait up to @timeout_ms (-1: forever) for @efd to become readable.
 * Returns 1 if signalled, 0 on timeout.  The counter is not consumed.
 */
int mvgpu_eventfd_wait(int efd, int timeout_ms);

/*
 * Read and clear the counter of @efd without blocking; *@count is 0 if
 * it was not signalled.
 */
int mvgpu_eventfd_consume(int efd, uint64_t *count);

/* ---- PV info page (mvgpu_pv.c) ------------------------------------- */

struct mvgpu_pv_info {
	uint32_t version;
	uint32_t vgpu_id;
	uint32_t caps;
	uint64_t ap_base, ap_size;	/* aperture slice */
	uint64_t hid_base, hid_size;	/* hidden slice */
};

/*
 * The guest driver's handshake: read the PV info page (magic first), as a
 * vGPU requires before GTT writes or submissions (else failsafe mode).
 * Call after opening the device and after each reset.  @info may be NULL.
 * Returns 0, -ENODEV for a wrong magic, or a read error.
 */
int mvgpu_pv_handshake(struct mvgpu_dev *dev, struct mvgpu_pv_info *info);

/* ---- live migration (mvgpu_mig.c) -------------------------------- */

/*
 * VFIO migration v2 (VFIO_DEVICE_FEATURE_MIGRATION and friends): what a
 * VMM does to move a vGPU.  The data fds are the kernel's; the caller
 * closes them.
 */

/* VFIO_DEVICE_FEATURE_MIGRATION: *@flags gets VFIO_MIGRATION_*. */
int mvgpu_mig_flags(struct mvgpu_dev *dev, uint64_t *flags);

/* The current VFIO_DEVICE_STATE_* (VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE). */
int mvgpu_mig_get_state(struct mvgpu_dev *dev, uint32_t *state);

/*
 * Move the device to VFIO_DEVICE_STATE_@state.  When the last arc opens a
 * data session (STOP_COPY, PRE_COPY, PRE_COPY_P2P, RESUMING) *@data_fd
 * gets its fd, else -1; with @data_fd NULL such an fd is closed.  On
 * failure *@data_fd is -1 and the device may be in ERROR.
 */
int mvgpu_mig_set_state(struct mvgpu_dev *dev, uint32_t state, int *data_fd);

/*
 * Read a saving data fd until read() gives 0, appending to the malloc()ed
 * buffer *@buf of *@len bytes (NULL and 0 to start a new one); the
 * caller free()s it.  On failure *@buf and *@len hold what was read.
 */
int mvgpu_mig_read_stream(int fd, void **buf, size_t *len);

/*
 * Write @len bytes of @buf to a resuming data fd, in write()s of at most
 * 1 MiB.  *@done (may be NULL) gets the bytes the kernel took.  Returns 0
 * or the -errno of the write() that failed.
 */
int mvgpu_mig_write_stream(int fd, const void *buf, size_t len, size_t *done);

/* VFIO_MIG_GET_PRECOPY_INFO on a saving fd in PRE_COPY(_P2P). */
int mvgpu_mig_precopy_info(int fd, uint64_t *initial_bytes,
			   uint64_t *dirty_bytes);

/* VFIO_DEVICE_FEATURE_MIG_DATA_SIZE: the estimated STOP_COPY length. */
int mvgpu_mig_data_size(struct mvgpu_dev *dev, uint64_t *size);

/*
 * Device DMA logging (dirty tracking) of one IOVA range at @page_size
 * granularity.  The report's @bitmap has a bit per page of [@iova,
 * @iova + @len), bit i of word i / 64 for page i (it must be zeroed by
 * the caller: the kernel only sets bits); a report clears the log.
 * -ENOTTY from start: the device cannot log.
 */
int mvgpu_dma_log_start(struct mvgpu_dev *dev, uint64_t iova, uint64_t len,
			uint64_t page_size);
int mvgpu_dma_log_report(struct mvgpu_dev *dev, uint64_t iova, uint64_t len,
			 uint64_t page_size, uint64_t *bitmap);
int mvgpu_dma_log_stop(struct mvgpu_dev *dev);

#endif /* MVGPU_VFIO_H */
