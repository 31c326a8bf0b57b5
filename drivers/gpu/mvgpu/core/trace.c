// SPDX-License-Identifier: GPL-2.0-only
/*
 * Instantiates the mvgpu tracepoints.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#define CREATE_TRACE_POINTS
#include "core/trace.h"
