// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the modesetting checks: the primary plane's formats and
 * the framebuffers the primary and cursor planes accept.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <drm/drm_fourcc.h>

#include "mvgpu_drv.h"

static void mvgpu_kms_test_format(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(DRM_FORMAT_XRGB8888),
			MVGPU_FORMAT_BGRX888);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(DRM_FORMAT_ARGB8888),
			MVGPU_FORMAT_BGRA888);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(DRM_FORMAT_XBGR8888),
			MVGPU_FORMAT_RGBX888);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(DRM_FORMAT_RGB565),
			MVGPU_FORMAT_BGRX565);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(DRM_FORMAT_NV12), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(DRM_FORMAT_RGB888), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_plane_format(0), -EINVAL);
}

static void mvgpu_kms_test_primary_good(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768, 4096, 0), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_ARGB8888,
							 1920, 1080, 7680, 0), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XBGR8888,
							 800, 600, 3200, 0), 0);
	/* RGB565: 2 bytes a pixel; padding past the line is fine. */
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_RGB565,
							 1366, 768, 2752, 0), 0);
	/* The largest stride. */
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 8192, 64,
						     MVGPU_DSPSTRIDE_MAX, 0), 0);
}

static void mvgpu_kms_test_primary_pitch_align(struct kunit *test)
{
	/* 1366 * 4 = 5464, not a multiple of 64. */
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1366, 768, 5464, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768, 4096 + 32, 0),
			-EINVAL);
}

static void mvgpu_kms_test_primary_pitch_short(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768, 4096 - 64, 0),
			-EINVAL);
	/* Enough for RGB565, not for 32 bpp. */
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_ARGB8888,
							 1024, 768, 2048, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768, 0, 0),
			-EINVAL);
}

static void mvgpu_kms_test_primary_pitch_max(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768,
						     MVGPU_DSPSTRIDE_MAX + 64,
						     0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 8256, 64, 8256 * 4, 0),
			-EINVAL);
}

static void mvgpu_kms_test_primary_offset(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768, 4096, 64),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 768, 4096, SZ_4K),
			-EINVAL);
}

static void mvgpu_kms_test_primary_bad(struct kunit *test)
{
	/* Unsupported format, empty and oversized framebuffers. */
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_NV12,
							 1024, 768, 4096, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 0, 768, 4096, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 0, 4096, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_primary_check_fb(DRM_FORMAT_XRGB8888,
							 1024, 4097, 4096, 0),
			-EINVAL);
}

static void mvgpu_kms_test_cursor_good(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							64, 64, 256), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							128, 128, 512), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							256, 256, 1024), 0);
}

static void mvgpu_kms_test_cursor_size(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							100, 100, 400), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							64, 128, 256), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							512, 512, 2048), -EINVAL);
}

static void mvgpu_kms_test_cursor_format(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_XRGB8888,
							64, 64, 256), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_RGB565,
							64, 64, 128), -EINVAL);
}

static void mvgpu_kms_test_cursor_pitch(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							64, 64, 512), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cursor_check_fb(DRM_FORMAT_ARGB8888,
							256, 256, 1088), -EINVAL);
}

static struct kunit_case mvgpu_kms_test_cases[] = {
	KUNIT_CASE(mvgpu_kms_test_format),
	KUNIT_CASE(mvgpu_kms_test_primary_good),
	KUNIT_CASE(mvgpu_kms_test_primary_pitch_align),
	KUNIT_CASE(mvgpu_kms_test_primary_pitch_short),
	KUNIT_CASE(mvgpu_kms_test_primary_pitch_max),
	KUNIT_CASE(mvgpu_kms_test_primary_offset),
	KUNIT_CASE(mvgpu_kms_test_primary_bad),
	KUNIT_CASE(mvgpu_kms_test_cursor_good),
	KUNIT_CASE(mvgpu_kms_test_cursor_size),
	KUNIT_CASE(mvgpu_kms_test_cursor_format),
	KUNIT_CASE(mvgpu_kms_test_cursor_pitch),
	{}
};

static struct kunit_suite mvgpu_kms_test_suite = {
	.name = "mvgpu_drm_kms",
	.test_cases = mvgpu_kms_test_cases,
};

kunit_test_suite(mvgpu_kms_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
