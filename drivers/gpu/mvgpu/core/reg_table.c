// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BAR0 register table: every register a guest may access, sorted by
 * offset, with its attributes and handlers.  Read it next to
 * include/uapi/linux/mvgpu.h and Documentation/gpu/mvgpu/programming-model.rst.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/engine.h"
#include "core/pvinfo.h"

#define RO_ALL		0xffffffffu

/* A plain read/write register. */
#define REG_RW(_name, _off, _count)					\
	{ .name = _name, .offset = _off, .count = _count }

/* A read-only register whose reset value the core maintains. */
#define REG_RO(_name, _off, _count, _reset)				\
	{ .name = _name, .offset = _off, .count = _count,		\
	  .reset = _reset, .ro_mask = RO_ALL }

/*
 * Gen8 interrupt bank registers.  ISR: live status, read-only.  IMR: mask,
 * reset to all sources masked.  IIR: latched events, write 1 to clear.
 * IER: enable.  Bits outside the bank's sources are reserved.
 */
#define IRQ_ISR(_name, _bank, _rsvd)					\
	{ .name = _name "_ISR", .offset = MVGPU_IRQ_ISR(_bank),		\
	  .count = 1, .ro_mask = RO_ALL, .rsvd_mask = _rsvd }
#define IRQ_IMR(_name, _bank, _valid, _rsvd)				\
	{ .name = _name "_IMR", .offset = MVGPU_IRQ_IMR(_bank),		\
	  .count = 1, .reset = _valid, .rsvd_mask = _rsvd,		\
	  .write = mvgpu_irq_reg_written }
#define IRQ_IIR(_name, _bank, _valid, _rsvd)				\
	{ .name = _name "_IIR", .offset = MVGPU_IRQ_IIR(_bank),		\
	  .count = 1, .rsvd_mask = _rsvd, .w1c_mask = _valid,		\
	  .write = mvgpu_irq_reg_written }
#define IRQ_IER(_name, _bank, _rsvd)					\
	{ .name = _name "_IER", .offset = MVGPU_IRQ_IER(_bank),		\
	  .count = 1, .rsvd_mask = _rsvd, .write = mvgpu_irq_reg_written }

/*
 * Ring registers of one engine (Gen8 legacy ring layout).  TAIL, CTL and
 * MI_MODE writes kick the engine; HEAD is the guest's to initialize and
 * the engine's to advance.  MI_MODE is a mode-mask register.
 */
#define RING_TAIL(_name, _base)						\
	{ .name = _name "_TAIL", .offset = MVGPU_RING_TAIL(_base),	\
	  .count = 1, .rsvd_mask = ~MVGPU_TAIL_ADDR,			\
	  .write = mvgpu_engine_ring_written }
#define RING_HEAD(_name, _base)						\
	{ .name = _name "_HEAD", .offset = MVGPU_RING_HEAD(_base),	\
	  .count = 1, .rsvd_mask = ~MVGPU_HEAD_ADDR }
#define RING_START(_name, _base)					\
	{ .name = _name "_START", .offset = MVGPU_RING_START(_base),	\
	  .count = 1, .rsvd_mask = 0xfff }
#define RING_CTL(_name, _base)						\
	{ .name = _name "_CTL", .offset = MVGPU_RING_CTL(_base),	\
	  .count = 1,							\
	  .rsvd_mask = ~(MVGPU_RING_VALID | MVGPU_RING_NR_PAGES),	\
	  .write = mvgpu_engine_ring_written }
#define RING_ACTHD(_name, _base)					\
	{ .name = _name "_ACTHD", .offset = MVGPU_RING_ACTHD(_base),	\
	  .count = 1, .ro_mask = RO_ALL,				\
	  .read = mvgpu_engine_acthd_read }
#define RING_HWS_PGA(_name, _base)					\
	{ .name = _name "_HWS_PGA", .offset = MVGPU_RING_HWS_PGA(_base),	\
	  .count = 1, .rsvd_mask = 0xfff }
#define MI_MODE(_name, _base)						\
	{ .name = _name "_MI_MODE", .offset = MVGPU_RING_MI_MODE(_base),	\
	  .count = 1, .flags = MVGPU_REG_F_MODE_MASK,			\
	  .ro_mask = MVGPU_MI_MODE_IDLE,				\
	  .rsvd_mask = ~(MVGPU_MI_MODE_STOP_RING | MVGPU_MI_MODE_IDLE),	\
	  .read = mvgpu_engine_mi_mode_read,				\
	  .write = mvgpu_engine_ring_written }
/* PML4: the ring's MI_LOAD_REGISTER_IMM loads it; MMIO only reads it. */
#define RING_PML4(_name, _base)						\
	{ .name = _name "_PML4", .offset = MVGPU_RING_PML4_LDW(_base),	\
	  .count = 2, .ro_mask = RO_ALL }
#define RING_TIMESTAMP(_name, _base)					\
	{ .name = _name "_TIMESTAMP", .offset = MVGPU_RING_TIMESTAMP(_base), \
	  .count = 2, .ro_mask = RO_ALL,				\
	  .read = mvgpu_engine_timestamp_read }

#define GT0_VALID	MVGPU_GT0_VALID_MASK
#define GT0_RSVD	(~MVGPU_GT0_VALID_MASK)
#define DE_VALID	MVGPU_DE_MISC_VALID_MASK
#define DE_RSVD		(~MVGPU_DE_MISC_VALID_MASK)
#define PIPE_VALID	MVGPU_DE_PIPE_VALID_MASK
#define PIPE_RSVD	(~MVGPU_DE_PIPE_VALID_MASK)
#define PORT_VALID	MVGPU_DE_PORT_VALID_MASK
#define PORT_RSVD	(~MVGPU_DE_PORT_VALID_MASK)

#define PV(_off)	(MVGPU_PVINFO_OFFSET + (_off))

const struct mvgpu_reg_desc mvgpu_reg_table[] = {
	RING_TAIL("RCS", MVGPU_RENDER_RING_BASE),
	RING_HEAD("RCS", MVGPU_RENDER_RING_BASE),
	RING_START("RCS", MVGPU_RENDER_RING_BASE),
	RING_CTL("RCS", MVGPU_RENDER_RING_BASE),
	RING_ACTHD("RCS", MVGPU_RENDER_RING_BASE),
	RING_HWS_PGA("RCS", MVGPU_RENDER_RING_BASE),
	MI_MODE("RCS", MVGPU_RENDER_RING_BASE),
	RING_PML4("RCS", MVGPU_RENDER_RING_BASE),
	RING_TIMESTAMP("RCS", MVGPU_RENDER_RING_BASE),

	{ .name = "GDRST", .offset = MVGPU_REG_GDRST, .count = 1,
	  .rsvd_mask = ~(MVGPU_GDRST_FULL | MVGPU_GDRST_RENDER |
			 MVGPU_GDRST_BLT),
	  .write = mvgpu_engine_gdrst_written },
	{ .name = "TLB_INV", .offset = MVGPU_REG_TLB_INV, .count = 1,
	  .rsvd_mask = ~MVGPU_TLB_INV_ALL,
	  .write = mvgpu_engine_tlb_inv_written },

	RING_TAIL("BCS", MVGPU_BLT_RING_BASE),
	RING_HEAD("BCS", MVGPU_BLT_RING_BASE),
	RING_START("BCS", MVGPU_BLT_RING_BASE),
	RING_CTL("BCS", MVGPU_BLT_RING_BASE),
	RING_ACTHD("BCS", MVGPU_BLT_RING_BASE),
	RING_HWS_PGA("BCS", MVGPU_BLT_RING_BASE),
	MI_MODE("BCS", MVGPU_BLT_RING_BASE),
	RING_PML4("BCS", MVGPU_BLT_RING_BASE),
	RING_TIMESTAMP("BCS", MVGPU_BLT_RING_BASE),

	{ .name = "MASTER_IRQ", .offset = MVGPU_REG_MASTER_IRQ, .count = 1,
	  .ro_mask = ~MVGPU_MASTER_IRQ_CONTROL,
	  .read = mvgpu_irq_master_read, .write = mvgpu_irq_reg_written },
	IRQ_ISR("GT0", MVGPU_IRQ_BANK_GT0, GT0_RSVD),
	IRQ_IMR("GT0", MVGPU_IRQ_BANK_GT0, GT0_VALID, GT0_RSVD),
	IRQ_IIR("GT0", MVGPU_IRQ_BANK_GT0, GT0_VALID, GT0_RSVD),
	IRQ_IER("GT0", MVGPU_IRQ_BANK_GT0, GT0_RSVD),
	/* The vblank timer runs while VBLANK is enabled and unmasked. */
	IRQ_ISR("DE_PIPE_A", MVGPU_IRQ_BANK_DE_PIPE(0), PIPE_RSVD),
	{ .name = "DE_PIPE_A_IMR", .offset = MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_PIPE(0)),
	  .count = 1, .reset = PIPE_VALID, .rsvd_mask = PIPE_RSVD,
	  .write = mvgpu_display_irq_written },
	IRQ_IIR("DE_PIPE_A", MVGPU_IRQ_BANK_DE_PIPE(0), PIPE_VALID, PIPE_RSVD),
	{ .name = "DE_PIPE_A_IER", .offset = MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_PIPE(0)),
	  .count = 1, .rsvd_mask = PIPE_RSVD,
	  .write = mvgpu_display_irq_written },
	IRQ_ISR("DE_PORT", MVGPU_IRQ_BANK_DE_PORT, PORT_RSVD),
	IRQ_IMR("DE_PORT", MVGPU_IRQ_BANK_DE_PORT, PORT_VALID, PORT_RSVD),
	IRQ_IIR("DE_PORT", MVGPU_IRQ_BANK_DE_PORT, PORT_VALID, PORT_RSVD),
	IRQ_IER("DE_PORT", MVGPU_IRQ_BANK_DE_PORT, PORT_RSVD),
	IRQ_ISR("DE_MISC", MVGPU_IRQ_BANK_DE_MISC, DE_RSVD),
	IRQ_IMR("DE_MISC", MVGPU_IRQ_BANK_DE_MISC, DE_VALID, DE_RSVD),
	IRQ_IIR("DE_MISC", MVGPU_IRQ_BANK_DE_MISC, DE_VALID, DE_RSVD),
	IRQ_IER("DE_MISC", MVGPU_IRQ_BANK_DE_MISC, DE_RSVD),

	REG_RW("SWF", MVGPU_REG_SWF(0), MVGPU_NUM_SWF),

	/* Display: pipe A, its planes (armed by DSPSURF / CURBASE), DP A. */
	{ .name = "PIPEA_SRC", .offset = MVGPU_PIPESRC(0), .count = 1,
	  .reset = MVGPU_PIPESRC_VAL(1024, 768), .rsvd_mask = ~0x1fff0fffu },
	{ .name = "PIPEA_VREFRESH", .offset = MVGPU_PIPE_VREFRESH(0),
	  .count = 1, .reset = MVGPU_VREFRESH_DEFAULT,
	  .write = mvgpu_display_vrefresh_written },
	{ .name = "DP_A", .offset = MVGPU_DP_A, .count = 1,
	  .ro_mask = RO_ALL, .rsvd_mask = ~MVGPU_DP_DETECTED,
	  .read = mvgpu_display_dp_read },
	{ .name = "PIPEA_CONF", .offset = MVGPU_PIPECONF(0), .count = 1,
	  .ro_mask = MVGPU_PIPECONF_STATE,
	  .rsvd_mask = ~(MVGPU_PIPECONF_ENABLE | MVGPU_PIPECONF_STATE),
	  .read = mvgpu_display_pipeconf_read,
	  .write = mvgpu_display_pipeconf_written },
	{ .name = "PIPEA_FRMCOUNT", .offset = MVGPU_PIPE_FRMCOUNT(0),
	  .count = 1, .ro_mask = RO_ALL, .read = mvgpu_display_frmcount_read },
	{ .name = "PIPEA_FLIPCOUNT", .offset = MVGPU_PIPE_FLIPCOUNT(0),
	  .count = 1, .ro_mask = RO_ALL, .read = mvgpu_display_flipcount_read },
	{ .name = "CURACNTR", .offset = MVGPU_CURCNTR(0), .count = 1,
	  .rsvd_mask = ~MVGPU_CURSOR_MODE_MASK },
	{ .name = "CURABASE", .offset = MVGPU_CURBASE(0), .count = 1,
	  .rsvd_mask = 0xfff, .write = mvgpu_display_curbase_written },
	{ .name = "CURAPOS", .offset = MVGPU_CURPOS(0), .count = 1,
	  .rsvd_mask = ~MVGPU_CURPOS_MASK },
	{ .name = "CURAHOT", .offset = MVGPU_CURHOT(0), .count = 1,
	  .rsvd_mask = ~MVGPU_CURHOT_MASK },
	{ .name = "DSPACNTR", .offset = MVGPU_DSPCNTR(0), .count = 1,
	  .rsvd_mask = ~(MVGPU_DSPCNTR_ENABLE | MVGPU_DSPCNTR_FORMAT_MASK) },
	{ .name = "DSPASTRIDE", .offset = MVGPU_DSPSTRIDE(0), .count = 1,
	  .rsvd_mask = ~MVGPU_DSPSTRIDE_MASK },
	{ .name = "DSPASURF", .offset = MVGPU_DSPSURF(0), .count = 1,
	  .rsvd_mask = 0xfff, .write = mvgpu_display_surf_written },
	{ .name = "DSPASURFLIVE", .offset = MVGPU_DSPSURFLIVE(0), .count = 1,
	  .ro_mask = RO_ALL, .read = mvgpu_display_surflive_read },

	/* Reading the magic is how a guest driver shows it knows mvgpu. */
	{ .name = "PV_MAGIC", .offset = PV(MVGPU_PV_MAGIC_LO), .count = 1,
	  .reset = lower_32_bits(MVGPU_PV_MAGIC), .ro_mask = RO_ALL,
	  .read = mvgpu_pvinfo_magic_read },
	{ .name = "PV_MAGIC_HI", .offset = PV(MVGPU_PV_MAGIC_HI), .count = 1,
	  .reset = upper_32_bits(MVGPU_PV_MAGIC), .ro_mask = RO_ALL,
	  .read = mvgpu_pvinfo_magic_read },
	REG_RO("PV_VERSION", PV(MVGPU_PV_VERSION), 1,
	       MVGPU_PV_VERSION_MAJOR << 16 | MVGPU_PV_VERSION_MINOR),
	REG_RO("PV_VGPU_ID", PV(MVGPU_PV_VGPU_ID), 1, 0),
	REG_RO("PV_CAPS", PV(MVGPU_PV_CAPS), 1,
	       MVGPU_PV_CAP_PV_EVENT | MVGPU_PV_CAP_PPGTT),
	/* the type's engines, filled at reset */
	REG_RO("PV_ENGINES", PV(MVGPU_PV_ENGINES), 1, 0),
	/* mappable base/size, hidden base/size: four u64, filled at reset */
	REG_RO("PV_RANGES", PV(MVGPU_PV_MAPPABLE_BASE), 8, 0),
	{ .name = "PV_DISPLAY_READY", .offset = PV(MVGPU_PV_DISPLAY_READY),
	  .count = 1, .rsvd_mask = ~1u },
	{ .name = "PV_G2V_NOTIFY", .offset = PV(MVGPU_PV_G2V_NOTIFY),
	  .count = 1, .write = mvgpu_pvinfo_g2v_written },
	REG_RO("PV_V2G_EVENT", PV(MVGPU_PV_V2G_EVENT), 1, MVGPU_V2G_NONE),
	REG_RO("PV_V2G_SEQNO", PV(MVGPU_PV_V2G_SEQNO), 1, 0),
	/* error, offset, buffer (u64) per engine */
	REG_RO("PV_ENGINE_ERROR", PV(MVGPU_PV_ENGINE_ERROR(0)),
	       4 * MVGPU_NUM_ENGINES, 0),

	/* The connected display's EDID (mvgpu extension). */
	{ .name = "EDID", .offset = MVGPU_EDID_OFFSET,
	  .count = MVGPU_EDID_MAX_SIZE / 4, .ro_mask = RO_ALL,
	  .read = mvgpu_display_edid_read },
	{ .name = "EDID_SIZE", .offset = MVGPU_REG_EDID_SIZE, .count = 1,
	  .ro_mask = RO_ALL, .read = mvgpu_display_edid_size_read },
};
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_table);

const unsigned int mvgpu_reg_table_size = ARRAY_SIZE(mvgpu_reg_table);
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_table_size);
