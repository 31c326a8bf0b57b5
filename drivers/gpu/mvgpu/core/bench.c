// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shadow-and-scan microbenchmark: /sys/kernel/debug/mvgpu/cmd_bench
 *
 * Reading the file builds, per engine, a representative command stream of
 * BENCH_BYTES in kernel memory (runs of MI_NOOP, MI_STORE_DATA_IMM,
 * MI_LOAD_REGISTER_IMM to the GPRs, MI_USER_INTERRUPT, MI_ARB_CHECK and
 * the engine's own commands: MVGPU_COMPUTE and PIPE_CONTROL on the render
 * engine, XY_COLOR_BLT, XY_SRC_COPY_BLT and MI_FLUSH_DW on the copy
 * engine), in two layouts: all of it in the ring, or a ring that starts
 * BENCH_BATCHES first-level batches sharing it.  It then times
 * mvgpu_cmd_scan_ring() over it against memcpy() of the same bytes into
 * the same shadow buffer, pass after pass, and prints both throughputs
 * and their ratio.  Guest memory is fake: reads are memcpy() from the
 * kernel buffer and the vGPU's memory is a range nothing backs but the
 * commands.  The numbers describe the parser alone; the GTT walk of a
 * real vGPU comes on top.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <asm/byteorder.h>

#include "mvgpu_drv.h"
#include "core/bench.h"
#include "core/cmd_parser.h"

/* Bytes of commands scanned per pass: the whole shadow buffer. */
#define BENCH_BYTES	MVGPU_CMD_MAX_SHADOW
#define BENCH_PASSES	16
#define BENCH_BATCHES	MVGPU_CMD_MAX_BATCHES
/* The ring: the largest the parser takes; the stream is its first part. */
#define BENCH_RING_SIZE	SZ_2M
/* Ring, then the batches, at these fake graphics addresses. */
#define BENCH_RING_GM	0x10000000ull
#define BENCH_BATCH_GM	(BENCH_RING_GM + BENCH_RING_SIZE)
#define BENCH_BACKED	(BENCH_RING_SIZE + BENCH_BYTES)
/* The fake vGPU memory; command targets lie behind the backed part. */
#define BENCH_SLICE_GM	BENCH_RING_GM
#define BENCH_SLICE	SZ_64M
#define BENCH_DATA_GM	(BENCH_SLICE_GM + SZ_16M)
/* Where the engine would see the shadow (outside the slice). */
#define BENCH_SHADOW_GM	0x20000000ull
/* A ring entry that starts a batch: BB_START and a padding MI_NOOP. */
#define BENCH_BB_BYTES	16

/**
 * struct bench_stream - a command stream being written
 * @cmd: the buffer
 * @pos: dwords written
 * @end: dwords available
 * @engine: MVGPU_ENGINE_* the commands are for
 */
struct bench_stream {
	__le32 *cmd;
	u32 pos;
	u32 end;
	u32 engine;
};

/**
 * struct bench_result - one engine and layout
 * @cmds: commands decoded per pass
 * @batches: batch buffers shadowed per pass
 * @bytes: bytes shadowed per pass
 * @scan_ns: time in mvgpu_cmd_scan_ring(), all passes
 * @copy_ns: time in memcpy(), all passes
 */
struct bench_result {
	u32 cmds;
	u32 batches;
	u32 bytes;
	u64 scan_ns;
	u64 copy_ns;
};

static int bench_read(void *priv, u64 gm, void *buf, u32 len)
{
	if (gm < BENCH_RING_GM || gm - BENCH_RING_GM > BENCH_BACKED ||
	    len > BENCH_BACKED - (gm - BENCH_RING_GM))
		return -EFAULT;
	memcpy(buf, priv + (gm - BENCH_RING_GM), len);
	return 0;
}

static bool bench_range_ok(void *priv, u64 gm, u64 len)
{
	return gm >= BENCH_SLICE_GM && gm - BENCH_SLICE_GM < BENCH_SLICE &&
	       len <= BENCH_SLICE - (gm - BENCH_SLICE_GM);
}

static const struct mvgpu_cmd_mem_ops bench_mem = {
	.read = bench_read,
	.range_ok = bench_range_ok,
};

/* Append @n dwords if they fit; false when they do not. */
static bool emit(struct bench_stream *s, const u32 *dw, u32 n)
{
	u32 i;

	if (n > s->end - s->pos)
		return false;
	for (i = 0; i < n; i++)
		s->cmd[s->pos++] = cpu_to_le32(dw[i]);
	return true;
}

/* A data address for command @i, inside the fake slice. */
static u64 data_gm(u32 i, u32 stride)
{
	return BENCH_DATA_GM + (u64)(i % 64) * stride;
}

/* One unit of the copy engine's mix; false when it no longer fits. */
static bool emit_bcs(struct bench_stream *s, u32 i)
{
	u32 gpr = MVGPU_CS_GPR(MVGPU_BLT_RING_BASE, i % MVGPU_NUM_GPRS);
	u64 dst = data_gm(i, SZ_64K), src = dst + SZ_4M;
	u32 br13 = MVGPU_BLT_DEPTH_32BPP | 256;
	const u32 unit[] = {
		MVGPU_MI_NOOP, MVGPU_MI_NOOP, MVGPU_MI_NOOP, MVGPU_MI_NOOP,
		MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2,
		lower_32_bits(dst), upper_32_bits(dst), i,
		MVGPU_MI_LOAD_REGISTER_IMM | 3, gpr, i, gpr + 4, 0,
		MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB, br13 | MVGPU_BLT_ROP_PATCOPY, 0,
		64 << 16 | 64, lower_32_bits(dst), upper_32_bits(dst), i,
		MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB, br13 | MVGPU_BLT_ROP_SRCCOPY, 0,
		64 << 16 | 64, lower_32_bits(dst), upper_32_bits(dst), 0, 256,
		lower_32_bits(src), upper_32_bits(src),
		MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | 2,
		lower_32_bits(dst) | MVGPU_FLUSH_DW_USE_GGTT,
		upper_32_bits(dst), i,
		MVGPU_MI_USER_INTERRUPT, MVGPU_MI_ARB_CHECK,
	};

	return emit(s, unit, ARRAY_SIZE(unit));
}

/* One unit of the render engine's mix; false when it no longer fits. */
static bool emit_rcs(struct bench_stream *s, u32 i)
{
	u32 gpr = MVGPU_CS_GPR(MVGPU_RENDER_RING_BASE, i % MVGPU_NUM_GPRS);
	u64 a = data_gm(i, SZ_16K), b = a + SZ_1M, dst = a + SZ_2M;
	const u32 unit[] = {
		MVGPU_MI_NOOP, MVGPU_MI_NOOP, MVGPU_MI_NOOP, MVGPU_MI_NOOP,
		MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2,
		lower_32_bits(dst), upper_32_bits(dst), i,
		MVGPU_MI_LOAD_REGISTER_IMM | 3, gpr, i, gpr + 4, 0,
		MVGPU_COMPUTE, MVGPU_KERNEL_SAXPY, 1024,
		lower_32_bits(a), upper_32_bits(a),
		lower_32_bits(b), upper_32_bits(b),
		lower_32_bits(dst), upper_32_bits(dst), 3,
		MVGPU_PIPE_CONTROL,
		MVGPU_PC_WRITE_IMM | MVGPU_PC_CS_STALL | MVGPU_PC_GLOBAL_GTT,
		lower_32_bits(dst), upper_32_bits(dst), i, 0,
		MVGPU_MI_USER_INTERRUPT, MVGPU_MI_ARB_CHECK,
	};

	return emit(s, unit, ARRAY_SIZE(unit));
}

/* Fill @bytes at @cmd with the mix of @engine, MI_NOOP-padded. */
static void fill_mix(__le32 *cmd, u32 bytes, u32 engine)
{
	struct bench_stream s = { .cmd = cmd, .end = bytes / 4 };
	u32 i = 0;

	while (engine == MVGPU_ENGINE_RCS ? emit_rcs(&s, i) : emit_bcs(&s, i))
		i++;
	memset(&cmd[s.pos], 0, (s.end - s.pos) * 4);
}

/*
 * Build the stream of @engine in @mem (the backed fake memory).  Return
 * the ring bytes (the tail); with @batches the ring starts that many
 * first-level batches, which share the rest of BENCH_BYTES.
 */
static u32 build(void *mem, u32 engine, u32 batches)
{
	u32 ring_bytes = batches * BENCH_BB_BYTES, size, i;
	__le32 *ring = mem;

	if (!batches) {
		fill_mix(ring, BENCH_BYTES, engine);
		return BENCH_BYTES;
	}
	/* Every batch is qword sized, so they lie back to back. */
	size = round_down((BENCH_BYTES - ring_bytes) / batches, 8);
	for (i = 0; i < batches; i++) {
		__le32 *bb = mem + BENCH_RING_SIZE + i * size;
		u64 gm = BENCH_BATCH_GM + i * size;

		ring[4 * i] = cpu_to_le32(MVGPU_MI_BATCH_BUFFER_START);
		ring[4 * i + 1] = cpu_to_le32(lower_32_bits(gm));
		ring[4 * i + 2] = cpu_to_le32(upper_32_bits(gm));
		ring[4 * i + 3] = cpu_to_le32(MVGPU_MI_NOOP);
		fill_mix(bb, size - 8, engine);
		bb[size / 4 - 2] = cpu_to_le32(MVGPU_MI_BATCH_BUFFER_END);
		bb[size / 4 - 1] = cpu_to_le32(MVGPU_MI_NOOP);
	}
	return ring_bytes;
}

/* The bytes a scan of the stream in @mem shadows, copied to @shadow. */
static void copy_same(void *shadow, const void *mem, u32 ring_bytes,
		      u32 used)
{
	memcpy(shadow, mem, ring_bytes);
	if (used > ring_bytes)
		memcpy(shadow + ring_bytes, mem + BENCH_RING_SIZE,
		       used - ring_bytes);
}

static int bench_one(struct seq_file *m, void *mem, void *shadow, u32 engine,
		     u32 batches, struct bench_result *r)
{
	struct mvgpu_cmd_parser p = {
		.engine = engine,
		.mem = &bench_mem,
		.priv = mem,
		.shadow = shadow,
		.shadow_gm = BENCH_SHADOW_GM,
		.shadow_size = BENCH_BYTES,
	};
	u32 tail = build(mem, engine, batches);
	unsigned int i;
	u64 t0, t1, t2;

	memset(r, 0, sizeof(*r));
	/* A pass that warms up and checks that the mix passes the audit. */
	if (mvgpu_cmd_scan_ring(&p, BENCH_RING_GM, BENCH_RING_SIZE, 0, tail)) {
		seq_printf(m, "%s %s: rejected: %s at offset %#x of buffer %#llx\n",
			   engine ? "bcs" : "rcs", batches ? "batch" : "ring",
			   mvgpu_cmd_error_name(p.error), p.error_offset,
			   p.error_buf);
		return -EINVAL;
	}
	r->cmds = p.nr_cmds;
	r->batches = p.nr_batches;
	r->bytes = p.used;
	for (i = 0; i < BENCH_PASSES; i++) {
		t0 = ktime_get_ns();
		mvgpu_cmd_scan_ring(&p, BENCH_RING_GM, BENCH_RING_SIZE, 0, tail);
		t1 = ktime_get_ns();
		copy_same(shadow, mem, tail, r->bytes);
		t2 = ktime_get_ns();
		r->scan_ns += t1 - t0;
		r->copy_ns += t2 - t1;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* Megabytes (10^6 bytes) per second. */
static u64 mbps(u64 bytes, u64 ns)
{
	return ns ? div64_u64(bytes * 1000, ns) : 0;
}

static void show_row(struct seq_file *m, const char *engine,
		     const char *layout, const struct bench_result *r)
{
	u64 bytes = (u64)r->bytes * BENCH_PASSES;
	u64 ratio = r->scan_ns ? div64_u64(r->copy_ns * 1000, r->scan_ns) : 0;
	u64 cmds = (u64)r->cmds * BENCH_PASSES;
	u64 per_cmd = cmds ? div64_u64(r->scan_ns, cmds) : 0;

	seq_printf(m, "%-6s %-6s %8u %7u %8u %10llu %11llu %3llu.%03llu %7llu\n",
		   engine, layout, r->cmds, r->batches, r->bytes,
		   mbps(bytes, r->scan_ns), mbps(bytes, r->copy_ns),
		   ratio / 1000, ratio % 1000, per_cmd);
}

static int cmd_bench_show(struct seq_file *m, void *unused)
{
	static const char *const engines[] = { "rcs", "bcs" };
	struct bench_result r, all = {};
	void *mem, *shadow;
	unsigned int e, l;
	int ret = 0;

	mem = vzalloc(BENCH_BACKED);
	shadow = vzalloc(BENCH_BYTES);
	if (!mem || !shadow) {
		ret = -ENOMEM;
		goto out;
	}
	seq_printf(m, "cmd_bench: shadow-and-scan vs memcpy of the same bytes, %u passes of %u KiB\n",
		   BENCH_PASSES, BENCH_BYTES >> 10);
	seq_printf(m, "%-6s %-6s %8s %7s %8s %10s %11s %7s %7s\n", "engine",
		   "layout", "cmds", "batches", "bytes", "scan_MB/s",
		   "memcpy_MB/s", "ratio", "ns/cmd");
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		for (l = 0; l < 2; l++) {
			ret = bench_one(m, mem, shadow, e,
					l ? BENCH_BATCHES : 0, &r);
			if (ret == -EINTR)
				goto out;
			if (ret)
				continue;
			show_row(m, engines[e], l ? "batch" : "ring", &r);
			all.cmds += r.cmds;
			all.batches += r.batches;
			all.bytes += r.bytes;
			all.scan_ns += r.scan_ns;
			all.copy_ns += r.copy_ns;
		}
	}
	show_row(m, "all", "", &all);
	ret = 0;
out:
	vfree(shadow);
	vfree(mem);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(cmd_bench);

/**
 * mvgpu_cmd_bench_init() - create the cmd_bench file
 * @root: the mvgpu debugfs directory; the file goes away with it
 */
void mvgpu_cmd_bench_init(struct dentry *root)
{
	debugfs_create_file("cmd_bench", 0400, root, NULL, &cmd_bench_fops);
}
