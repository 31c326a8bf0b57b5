/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the mvgpu KUnit suites.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_TEST_UTIL_H_
#define _MVGPU_TEST_UTIL_H_

#include <kunit/test.h>

#include "mvgpu_drv.h"

struct mvgpu_vgpu *mvgpu_test_vgpu(struct kunit *test);
u32 mvgpu_test_rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off);
void mvgpu_test_wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off,
		   u32 val);

#endif /* _MVGPU_TEST_UTIL_H_ */
