/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvgpu tracepoints (events/mvgpu/ in tracefs).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mvgpu

#if !defined(_MVGPU_TRACE_H_) || defined(TRACE_HEADER_MULTI_READ)
#define _MVGPU_TRACE_H_

#include <linux/tracepoint.h>
#include <linux/types.h>

TRACE_EVENT(mvgpu_mmio,
	    TP_PROTO(int vgpu, bool write, u32 offset, u64 val,
		     unsigned int bytes),
	    TP_ARGS(vgpu, write, offset, val, bytes),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(bool, write)
			     __field(u32, offset)
			     __field(u64, val)
			     __field(unsigned int, bytes)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->write = write;
			   __entry->offset = offset;
			   __entry->val = val;
			   __entry->bytes = bytes;),
	    TP_printk("vgpu%d %s offset=%#x val=%#llx bytes=%u",
		      __entry->vgpu, __entry->write ? "write" : "read",
		      __entry->offset, __entry->val, __entry->bytes)
);

TRACE_EVENT(mvgpu_mmio_unknown,
	    TP_PROTO(int vgpu, bool write, u32 offset),
	    TP_ARGS(vgpu, write, offset),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(bool, write)
			     __field(u32, offset)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->write = write;
			   __entry->offset = offset;),
	    TP_printk("vgpu%d unknown %s offset=%#x", __entry->vgpu,
		      __entry->write ? "write" : "read", __entry->offset)
);

TRACE_EVENT(mvgpu_irq_raise,
	    TP_PROTO(int vgpu, u32 bank, u32 bits, u32 imr),
	    TP_ARGS(vgpu, bank, bits, imr),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(u32, bank)
			     __field(u32, bits)
			     __field(u32, imr)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->bank = bank;
			   __entry->bits = bits;
			   __entry->imr = imr;),
	    TP_printk("vgpu%d bank=%#x bits=%#x imr=%#x", __entry->vgpu,
		      __entry->bank, __entry->bits, __entry->imr)
);

TRACE_EVENT(mvgpu_irq_inject,
	    TP_PROTO(int vgpu, bool msi),
	    TP_ARGS(vgpu, msi),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(bool, msi)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->msi = msi;),
	    TP_printk("vgpu%d %s", __entry->vgpu,
		      __entry->msi ? "msi" : "intx")
);

TRACE_EVENT(mvgpu_engine_submit,
	    TP_PROTO(int vgpu, u32 engine, u32 ring_head, u32 ring_tail,
		     u32 bytes),
	    TP_ARGS(vgpu, engine, ring_head, ring_tail, bytes),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(u32, engine)
			     __field(u32, ring_head)
			     __field(u32, ring_tail)
			     __field(u32, bytes)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->engine = engine;
			   __entry->ring_head = ring_head;
			   __entry->ring_tail = ring_tail;
			   __entry->bytes = bytes;),
	    TP_printk("vgpu%d engine%u head=%#x tail=%#x shadowed=%u",
		      __entry->vgpu, __entry->engine, __entry->ring_head,
		      __entry->ring_tail, __entry->bytes)
);

TRACE_EVENT(mvgpu_engine_complete,
	    TP_PROTO(int vgpu, u32 engine, int status, u64 busy_ns),
	    TP_ARGS(vgpu, engine, status, busy_ns),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(u32, engine)
			     __field(int, status)
			     __field(u64, busy_ns)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->engine = engine;
			   __entry->status = status;
			   __entry->busy_ns = busy_ns;),
	    TP_printk("vgpu%d engine%u status=%d busy_ns=%llu",
		      __entry->vgpu, __entry->engine, __entry->status,
		      __entry->busy_ns)
);

/* The scheduler: which vGPU holds which physical engine. */
DECLARE_EVENT_CLASS(mvgpu_sched_class,
		    TP_PROTO(const char *pgpu, u32 engine, int vgpu, u64 val),
		    TP_ARGS(pgpu, engine, vgpu, val),
		    TP_STRUCT__entry(__string(pgpu, pgpu)
				     __field(u32, engine)
				     __field(int, vgpu)
				     __field(u64, val)),
		    TP_fast_assign(__assign_str(pgpu);
				   __entry->engine = engine;
				   __entry->vgpu = vgpu;
				   __entry->val = val;),
		    TP_printk("pgpu=%s engine=%u vgpu=%d slice_ns=%llu",
			      __get_str(pgpu), __entry->engine, __entry->vgpu,
			      __entry->val)
);

/* The scheduler gives @vgpu the engine for @slice_ns. */
DEFINE_EVENT(mvgpu_sched_class, mvgpu_sched_switch_in,
	     TP_PROTO(const char *pgpu, u32 engine, int vgpu, u64 slice_ns),
	     TP_ARGS(pgpu, engine, vgpu, slice_ns)
);

DEFINE_EVENT_PRINT(mvgpu_sched_class, mvgpu_sched_preempt,
		   TP_PROTO(const char *pgpu, u32 engine, int vgpu, u64 ran_ns),
		   TP_ARGS(pgpu, engine, vgpu, ran_ns),
		   TP_printk("pgpu=%s engine=%u vgpu=%d", __get_str(pgpu),
			     __entry->engine, __entry->vgpu)
);

DEFINE_EVENT_PRINT(mvgpu_sched_class, mvgpu_sched_hang,
		   TP_PROTO(const char *pgpu, u32 engine, int vgpu, u64 ran_ns),
		   TP_ARGS(pgpu, engine, vgpu, ran_ns),
		   TP_printk("pgpu=%s engine=%u vgpu=%d ran_ns=%llu",
			     __get_str(pgpu), __entry->engine, __entry->vgpu,
			     __entry->val)
);

TRACE_EVENT(mvgpu_sched_switch_out,
	    TP_PROTO(const char *pgpu, u32 engine, int vgpu, u64 ran_ns,
		     const char *reason),
	    TP_ARGS(pgpu, engine, vgpu, ran_ns, reason),
	    TP_STRUCT__entry(__string(pgpu, pgpu)
			     __field(u32, engine)
			     __field(int, vgpu)
			     __field(u64, ran_ns)
			     __string(reason, reason)),
	    TP_fast_assign(__assign_str(pgpu);
			   __entry->engine = engine;
			   __entry->vgpu = vgpu;
			   __entry->ran_ns = ran_ns;
			   __assign_str(reason);),
	    TP_printk("pgpu=%s engine=%u vgpu=%d ran_ns=%llu reason=%s",
		      __get_str(pgpu), __entry->engine, __entry->vgpu,
		      __entry->ran_ns, __get_str(reason))
);

TRACE_EVENT(mvgpu_engine_error,
	    TP_PROTO(int vgpu, u32 engine, u32 error, u32 offset, u64 buf),
	    TP_ARGS(vgpu, engine, error, offset, buf),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(u32, engine)
			     __field(u32, error)
			     __field(u32, offset)
			     __field(u64, buf)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->engine = engine;
			   __entry->error = error;
			   __entry->offset = offset;
			   __entry->buf = buf;),
	    TP_printk("vgpu%d engine%u error=%u offset=%#x buf=%#llx",
		      __entry->vgpu, __entry->engine, __entry->error,
		      __entry->offset, __entry->buf)
);

TRACE_EVENT(mvgpu_display_plane,
	    TP_PROTO(int vgpu, unsigned int plane, bool on, u32 fourcc,
		     u32 width, u32 height, u32 stride, u64 gm, int err),
	    TP_ARGS(vgpu, plane, on, fourcc, width, height, stride, gm, err),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(unsigned int, plane)
			     __field(bool, on)
			     __field(u32, fourcc)
			     __field(u32, width)
			     __field(u32, height)
			     __field(u32, stride)
			     __field(u64, gm)
			     __field(int, err)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->plane = plane;
			   __entry->on = on;
			   __entry->fourcc = fourcc;
			   __entry->width = width;
			   __entry->height = height;
			   __entry->stride = stride;
			   __entry->gm = gm;
			   __entry->err = err;),
	    TP_printk("vgpu%d plane=%s on=%d fourcc=%#x %ux%u stride=%u gm=%#llx err=%d",
		      __entry->vgpu, __entry->plane ? "cursor" : "primary",
		      __entry->on, __entry->fourcc, __entry->width,
		      __entry->height, __entry->stride, __entry->gm,
		      __entry->err)
);

TRACE_EVENT(mvgpu_display_vblank,
	    TP_PROTO(int vgpu, u64 frame, bool flip),
	    TP_ARGS(vgpu, frame, flip),
	    TP_STRUCT__entry(__field(int, vgpu)
			     __field(u64, frame)
			     __field(bool, flip)),
	    TP_fast_assign(__entry->vgpu = vgpu;
			   __entry->frame = frame;
			   __entry->flip = flip;),
	    TP_printk("vgpu%d frame=%llu flip=%d", __entry->vgpu,
		      __entry->frame, __entry->flip)
);

#endif /* _MVGPU_TRACE_H_ */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH core
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
