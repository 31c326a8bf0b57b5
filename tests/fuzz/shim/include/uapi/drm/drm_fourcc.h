/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim for <uapi/drm/drm_fourcc.h>: the fuzz build has no kernel
 * or libdrm headers.  fourcc_code() and the formats the driver uses, with
 * the values of the kernel's include/uapi/drm/drm_fourcc.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_UAPI_DRM_FOURCC_H
#define _SHIM_UAPI_DRM_FOURCC_H

#include <linux/types.h>

#define fourcc_code(a, b, c, d) ((__u32)(a) | ((__u32)(b) << 8) | \
				 ((__u32)(c) << 16) | ((__u32)(d) << 24))

/* [15:0] R:G:B 5:6:5 little endian */
#define DRM_FORMAT_RGB565	fourcc_code('R', 'G', '1', '6')
/* [31:0] x:R:G:B 8:8:8:8 little endian */
#define DRM_FORMAT_XRGB8888	fourcc_code('X', 'R', '2', '4')
/* [31:0] x:B:G:R 8:8:8:8 little endian */
#define DRM_FORMAT_XBGR8888	fourcc_code('X', 'B', '2', '4')
/* [31:0] A:R:G:B 8:8:8:8 little endian */
#define DRM_FORMAT_ARGB8888	fourcc_code('A', 'R', '2', '4')

#endif /* _SHIM_UAPI_DRM_FOURCC_H */
