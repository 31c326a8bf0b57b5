// SPDX-License-Identifier: GPL-2.0-only
/*
 * EDID blobs of the vGPU's virtual display: the checks a blob from the
 * VMM must pass, and the default blob a vGPU starts with (one a VMM that
 * writes none, like QEMU in region display mode, leaves in place).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "core/display.h"

#define EDID_BLOCK		128

static const u8 edid_header[8] = {
	0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00
};

static u8 block_sum(const u8 *b)
{
	u8 sum = 0;
	unsigned int i;

	for (i = 0; i < EDID_BLOCK; i++)
		sum += b[i];
	return sum;
}

/**
 * mvgpu_edid_check() - is a blob a well-formed EDID
 * @blob: the bytes
 * @size: their number
 *
 * The base block starts with the EDID header, its extension count matches
 * @size, and every 128-byte block's checksum is right.
 *
 * Return: 0, or -EINVAL naming nothing (the caller logs).
 */
int mvgpu_edid_check(const u8 *blob, u32 size)
{
	unsigned int i;

	if (size < EDID_BLOCK || size > MVGPU_EDID_MAX_SIZE ||
	    size % EDID_BLOCK)
		return -EINVAL;
	if (memcmp(blob, edid_header, sizeof(edid_header)))
		return -EINVAL;
	if ((blob[126] + 1) * EDID_BLOCK != size)
		return -EINVAL;
	for (i = 0; i < size; i += EDID_BLOCK)
		if (block_sum(blob + i))
			return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_edid_check);

/*
 * An 18-byte detailed timing descriptor for @w x @h at 60 Hz with reduced
 * blanking (CVT-RB: 160 pixels of horizontal blank, about 460 us of
 * vertical blank).
 */
static void put_dtd(u8 *d, u32 w, u32 h)
{
	u32 hblank = 160, hfp = 48, hsync = 32;
	u32 vblank = max_t(u32, DIV_ROUND_UP(h * 460, 16200), 6);
	u32 vfp = 3, vsync = 4;
	/* pixel clock in 10 kHz units: htotal * vtotal * 60 Hz */
	u32 clock = DIV_ROUND_UP((w + hblank) * (h + vblank) * 60, 10000);

	d[0] = clock & 0xff;
	d[1] = clock >> 8;
	d[2] = w & 0xff;
	d[3] = hblank & 0xff;
	d[4] = (w >> 8) << 4 | (hblank >> 8);
	d[5] = h & 0xff;
	d[6] = vblank & 0xff;
	d[7] = (h >> 8) << 4 | (vblank >> 8);
	d[8] = hfp & 0xff;
	d[9] = hsync & 0xff;
	d[10] = (vfp & 0xf) << 4 | (vsync & 0xf);
	d[11] = (hfp >> 8) << 6 | (hsync >> 8) << 4;
	/* image size: unknown (0 mm), no border */
	d[17] = 0x18 | 0x02;	/* digital separate sync, +hsync, -vsync */
}

/* A display descriptor of @tag holding up to 13 bytes of text. */
static void put_text(u8 *d, u8 tag, const char *text)
{
	size_t n = min_t(size_t, strlen(text), 13);

	memset(d, 0, 18);
	d[3] = tag;
	memcpy(d + 5, text, n);
	if (n < 13)
		d[5 + n] = '\n';
	if (n + 1 < 13)
		memset(d + 6 + n, ' ', 13 - n - 1);
}

/**
 * mvgpu_edid_generate() - the default EDID of a vGPU's display
 * @blob: 128 bytes to fill
 * @w: preferred (and largest) width
 * @h: preferred (and largest) height
 *
 * An EDID 1.4 base block: manufacturer "MVG", a detailed timing for
 * @w x @h at 60 Hz as the preferred mode, the established 640x480,
 * 800x600 and 1024x768 modes, and the monitor name "mvgpu".
 */
void mvgpu_edid_generate(u8 *blob, u32 w, u32 h)
{
	memset(blob, 0, EDID_BLOCK);
	memcpy(blob, edid_header, sizeof(edid_header));
	/* "MVG": three 5-bit letters, big endian */
	blob[8] = ('M' - '@') << 2 | ('V' - '@') >> 3;
	blob[9] = (('V' - '@') & 7) << 5 | ('G' - '@');
	blob[10] = 0x01;		/* product code */
	blob[16] = 1;			/* week */
	blob[17] = 2026 - 1990;		/* year */
	blob[18] = 1;			/* EDID 1.4 */
	blob[19] = 4;
	blob[20] = 0xa5;		/* digital, 8 bpc, DisplayPort */
	blob[24] = 0x06;		/* RGB 4:4:4, sRGB, preferred timing */
	/* sRGB chromaticity */
	blob[25] = 0xee; blob[26] = 0x91; blob[27] = 0xa3; blob[28] = 0x54;
	blob[29] = 0x4c; blob[30] = 0x99; blob[31] = 0x26; blob[32] = 0x0f;
	blob[33] = 0x50; blob[34] = 0x54;
	blob[35] = 0x21;		/* 640x480@60, 800x600@60 */
	blob[36] = 0x08;		/* 1024x768@60 */
	memset(blob + 38, 0x01, 16);	/* no standard timings */
	put_dtd(blob + 54, w, h);
	put_text(blob + 72, 0xfc, "mvgpu");
	/* range limits: 50-75 Hz, 30-160 kHz, 600 MHz, no extra timing */
	memset(blob + 90, 0, 18);
	blob[93] = 0xfd;
	blob[95] = 50; blob[96] = 75; blob[97] = 30; blob[98] = 160;
	blob[99] = 60;
	blob[100] = 0x01; blob[101] = 0x0a;
	memset(blob + 102, 0x20, 6);
	put_text(blob + 108, 0x10, "");	/* dummy descriptor */
	memset(blob + 108 + 5, 0, 13);
	blob[126] = 0;			/* no extensions */
	blob[127] = -block_sum(blob);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_edid_generate);

/**
 * mvgpu_edid_preferred() - the preferred mode a blob's first detailed
 *	timing gives
 * @blob: a blob that passed mvgpu_edid_check()
 * @w: its width
 * @h: its height
 *
 * Return: 0, or -ENOENT when the first descriptor is not a timing.
 */
int mvgpu_edid_preferred(const u8 *blob, u32 *w, u32 *h)
{
	const u8 *d = blob + 54;

	if (!d[0] && !d[1])
		return -ENOENT;
	*w = d[2] | (d[4] >> 4) << 8;
	*h = d[5] | (d[7] >> 4) << 8;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_edid_preferred);
