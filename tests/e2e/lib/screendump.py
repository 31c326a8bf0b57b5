#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Take a QMP screendump of a QEMU and compare it with mvgpu-guest-draw's
pattern (tools/guest/mvgpu-guest-draw.c).

    screendump.py SOCKET OUTDIR

Writes OUTDIR/screendump.ppm and OUTDIR/screendump.png (QEMU encodes both),
then checks the PPM pixel for pixel.  Prints one line per finding and
"size WxH, N pixels differ"; exits 0 when the picture is the pattern, 1 when
it differs, 2 when QMP failed.
"""
import json
import os
import socket
import sys

W, H = 1024, 768


def pattern(x, y):
    r = x * 255 // (W - 1)
    g = y * 255 // (H - 1)
    b = 0xff if ((x // 32) ^ (y // 32)) & 1 else 0x40
    return bytes((r, g, b))


def qmp(sock_path, commands, timeout=120):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(sock_path)
    f = s.makefile('rw')
    json.loads(f.readline())  # greeting
    replies = []
    for cmd in [{'execute': 'qmp_capabilities'}] + commands:
        f.write(json.dumps(cmd) + '\n')
        f.flush()
        while True:
            msg = json.loads(f.readline())
            if 'return' in msg or 'error' in msg:
                replies.append(msg)
                break
    s.close()
    return replies


def read_ppm(path):
    with open(path, 'rb') as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b'P6' or fields[3] != b'255':
        raise ValueError('not a binary 8-bit PPM')
    return int(fields[1]), int(fields[2]), data[pos + 1:]


def main():
    sock_path, outdir = sys.argv[1], sys.argv[2]
    ppm = os.path.join(outdir, 'screendump.ppm')
    png = os.path.join(outdir, 'screendump.png')
    try:
        replies = qmp(sock_path, [
            {'execute': 'screendump',
             'arguments': {'filename': ppm, 'format': 'ppm'}},
            {'execute': 'screendump',
             'arguments': {'filename': png, 'format': 'png'}},
        ])
    except (OSError, ValueError) as e:
        print('QMP failed: %s' % e)
        return 2
    for r in replies:
        if 'error' in r:
            print('QMP error: %s' % r['error'])
            return 2
    w, h, pixels = read_ppm(ppm)
    if (w, h) != (W, H):
        print('size %dx%d, expected %dx%d' % (w, h, W, H))
        return 1
    bad = 0
    for y in range(H):
        row = pixels[y * W * 3:(y + 1) * W * 3]
        want = b''.join(pattern(x, y) for x in range(W))
        if row != want:
            for x in range(W):
                if row[x * 3:x * 3 + 3] != want[x * 3:x * 3 + 3]:
                    if bad < 5:
                        print('pixel %d,%d: %s, expected %s' %
                              (x, y, row[x * 3:x * 3 + 3].hex(),
                               want[x * 3:x * 3 + 3].hex()))
                    bad += 1
    print('size %dx%d, %d pixels differ' % (w, h, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
