/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim: tracepoints compile to empty inline functions that
 * still type-check their arguments.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_LINUX_TRACEPOINT_H
#define _SHIM_LINUX_TRACEPOINT_H

#include <shim/base.h>

#define PARAMS(args...)		args
#define TP_PROTO(args...)	args
#define TP_ARGS(args...)	args
#define TP_STRUCT__entry(args...) args
#define TP_fast_assign(args...)	args
#define TP_printk(fmt, args...)	fmt, args

#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	static inline void trace_##name(proto) { }			\
	static inline bool trace_##name##_enabled(void) { return false; }
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args)			\
	static inline void trace_##name(proto) { }			\
	static inline bool trace_##name##_enabled(void) { return false; }
#define DEFINE_EVENT_PRINT(template, name, proto, args, print)		\
	DEFINE_EVENT(template, name, PARAMS(proto), PARAMS(args))

#endif /* _SHIM_LINUX_TRACEPOINT_H */
