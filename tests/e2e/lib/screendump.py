#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Take a QMP screendump of a QEMU and check what it shows.

    screendump.py SOCKET OUTDIR [--name NAME] [--expect EXPECT] [--retry S]
    screendump.py --check-ppm FILE [--expect EXPECT]

Writes OUTDIR/NAME.ppm and OUTDIR/NAME.png (QEMU encodes both; NAME defaults
to "screendump"), then checks the PPM.  EXPECT is one of:

  pattern            mvgpu-guest-draw's pattern (tools/guest/mvgpu-guest-draw.c),
                     pixel for pixel (the default)
  solid:WxH:RRGGBB   exactly W x H, every pixel RRGGBB
  console            the fbdev console: at least 640x480, one colour (the
                     background) covers at least 50% of the picture and at
                     least 0.2% of the pixels differ from it (text)

With --retry S the screendump is taken again every 2 s until it matches or
S seconds have passed (a nested guest's display may lag).  --check-ppm FILE
checks an existing PPM and talks to no QEMU.

Prints one line per finding and a summary ("size WxH, N pixels differ", or
a console summary); exits 0 when the picture matches, 1 when it does not,
2 when QMP failed (or on a usage error).
"""
import argparse
import collections
import json
import os
import re
import socket
import sys
import time

W, H = 1024, 768
RETRY_INTERVAL = 2.0
CONSOLE_MIN = (640, 480)
CONSOLE_BACKGROUND = 0.5    # the most common colour covers at least this
CONSOLE_TEXT = 0.002        # at least this differs from it


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
        while end < len(data) and not data[end:end + 1].isspace():
            end += 1
        if end == pos:
            raise ValueError('truncated PPM header')
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b'P6' or fields[3] != b'255':
        raise ValueError('not a binary 8-bit PPM')
    return int(fields[1]), int(fields[2]), data[pos + 1:]


# ---- checks: each returns (match, lines), the last line the summary ------

def check_pattern(w, h, pixels):
    if (w, h) != (W, H):
        return False, ['size %dx%d, expected %dx%d' % (w, h, W, H)]
    lines, bad = [], 0
    for y in range(H):
        row = pixels[y * W * 3:(y + 1) * W * 3]
        want = b''.join(pattern(x, y) for x in range(W))
        if row != want:
            for x in range(W):
                if row[x * 3:x * 3 + 3] != want[x * 3:x * 3 + 3]:
                    if bad < 5:
                        lines.append('pixel %d,%d: %s, expected %s' %
                                     (x, y, row[x * 3:x * 3 + 3].hex(),
                                      want[x * 3:x * 3 + 3].hex()))
                    bad += 1
    lines.append('size %dx%d, %d pixels differ' % (w, h, bad))
    return not bad, lines


def check_solid(w, h, pixels, want_w, want_h, rgb):
    if (w, h) != (want_w, want_h):
        return False, ['size %dx%d, expected %dx%d' % (w, h, want_w, want_h)]
    if pixels == rgb * (w * h):
        return True, ['size %dx%d, 0 pixels differ' % (w, h)]
    lines, bad = [], 0
    for i in range(w * h):
        px = pixels[i * 3:i * 3 + 3]
        if px != rgb:
            if bad < 5:
                lines.append('pixel %d,%d: %s, expected %s' %
                             (i % w, i // w, px.hex(), rgb.hex()))
            bad += 1
    lines.append('size %dx%d, %d pixels differ' % (w, h, bad))
    return False, lines


def check_console(w, h, pixels):
    n = w * h
    if w < CONSOLE_MIN[0] or h < CONSOLE_MIN[1]:
        return False, ['size %dx%d, expected at least %dx%d' %
                       ((w, h) + CONSOLE_MIN)]
    # Colours as 24-bit integers: one Counter pass over n values.
    ints = [int.from_bytes(pixels[i:i + 3], 'big')
            for i in range(0, n * 3, 3)]
    (bg, count), = collections.Counter(ints).most_common(1)
    differ = n - count
    lines = []
    if count < CONSOLE_BACKGROUND * n:
        lines.append('no background: the most common colour covers %.1f%% '
                     '< %.0f%%' % (100.0 * count / n, 100 * CONSOLE_BACKGROUND))
    if differ < CONSOLE_TEXT * n:
        lines.append('no text: %d pixels (%.3f%%) differ from the '
                     'background, < %.1f%%' %
                     (differ, 100.0 * differ / n, 100 * CONSOLE_TEXT))
    lines.append('size %dx%d, console: background %06x covers %.1f%%, '
                 '%d pixels (%.2f%%) differ' %
                 (w, h, bg, 100.0 * count / n, differ, 100.0 * differ / n))
    return len(lines) == 1, lines


def parse_expect(text):
    """A checker function of (w, h, pixels) for an --expect value."""
    if text == 'pattern':
        return check_pattern
    if text == 'console':
        return check_console
    m = re.fullmatch(r'solid:(\d+)x(\d+):([0-9A-Fa-f]{6})', text)
    if m:
        sw, sh, rgb = int(m.group(1)), int(m.group(2)), bytes.fromhex(m.group(3))
        return lambda w, h, px: check_solid(w, h, px, sw, sh, rgb)
    raise argparse.ArgumentTypeError(
        'expected pattern, console or solid:WxH:RRGGBB, not %r' % text)


def check_file(path, check):
    try:
        w, h, pixels = read_ppm(path)
    except (OSError, ValueError) as e:
        return False, ['cannot read %s: %s' % (path, e)]
    if len(pixels) < w * h * 3:
        return False, ['size %dx%d, pixel data short: %d of %d bytes' %
                       (w, h, len(pixels), w * h * 3)]
    return check(w, h, pixels[:w * h * 3])


def screendump(sock_path, ppm, png):
    """None, or why QMP failed."""
    try:
        replies = qmp(sock_path, [
            {'execute': 'screendump',
             'arguments': {'filename': ppm, 'format': 'ppm'}},
            {'execute': 'screendump',
             'arguments': {'filename': png, 'format': 'png'}},
        ])
    except (OSError, ValueError) as e:
        return 'QMP failed: %s' % e
    for r in replies:
        if 'error' in r:
            return 'QMP error: %s' % r['error']
    return None


def main():
    ap = argparse.ArgumentParser(
        description='Take a QMP screendump and check what it shows.')
    ap.add_argument('socket', nargs='?', help='the QMP socket')
    ap.add_argument('outdir', nargs='?', help='where NAME.ppm/.png go')
    ap.add_argument('--name', default='screendump',
                    help='base name of the files (default screendump)')
    ap.add_argument('--expect', default='pattern', type=parse_expect,
                    help='pattern (default), solid:WxH:RRGGBB or console')
    ap.add_argument('--retry', default=0.0, type=float, metavar='SECONDS',
                    help='retake every 2 s until it matches or SECONDS passed')
    ap.add_argument('--check-ppm', metavar='FILE',
                    help='only check FILE, no QMP')
    args = ap.parse_args()
    check = args.expect

    if args.check_ppm:
        match, lines = check_file(args.check_ppm, check)
        print('\n'.join(lines))
        return 0 if match else 1
    if not args.socket or not args.outdir:
        ap.error('SOCKET and OUTDIR are needed (or --check-ppm FILE)')

    ppm = os.path.join(args.outdir, args.name + '.ppm')
    png = os.path.join(args.outdir, args.name + '.png')
    end = time.monotonic() + max(args.retry, 0.0)
    attempt = 0
    while True:
        attempt += 1
        err = screendump(args.socket, ppm, png)
        if err:
            print(err)
            return 2
        match, lines = check_file(ppm, check)
        if match or time.monotonic() + RETRY_INTERVAL > end:
            break
        print('attempt %d: %s; again in %g s' %
              (attempt, lines[-1], RETRY_INTERVAL))
        sys.stdout.flush()
        time.sleep(RETRY_INTERVAL)
    if attempt > 1:
        print('attempt %d:' % attempt)
    print('\n'.join(lines))
    return 0 if match else 1


if __name__ == '__main__':
    sys.exit(main())
