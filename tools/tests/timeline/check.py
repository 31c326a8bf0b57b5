#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check.py [TOOL] - host-only self-check of mvgpu-timeline.

Runs TOOL (default tools/mvgpu/mvgpu-timeline) on the sample traces in this
folder and compares what it prints with the hand-computed values in
expected.json: the SVG parses as XML, each lane has exactly the expected
interval rectangles at the right x and width (to 0.01 px, from the lane's
background rectangle and the window), the preemption and hang markers, the
legend's busy totals, the --summary rows, and the exit status and message
for bad input, including --format png without a converter.  Prints one
"ok - ..." or "FAIL - ..." line per check; exits 1 if any failed.  Run by
"make -C tools check".

Copyright (C) 2026 The mvgpu developers
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = sys.argv[1] if len(sys.argv) > 1 else \
    os.path.join(HERE, '..', '..', 'mvgpu', 'mvgpu-timeline')
NS = '{http://www.w3.org/2000/svg}'
failed = 0


def check(name, cond, detail=''):
    global failed
    if cond:
        print('ok - ' + name)
    else:
        failed = 1
        print('FAIL - %s%s' % (name, (': ' + detail) if detail else ''))


def run(args, env=None):
    return subprocess.run([sys.executable, TOOL] + args, cwd=HERE, env=env,
                          capture_output=True, text=True, timeout=60)


def ns(s):
    return int(Decimal(s) * 10**9)


def check_svg(case, svg):
    name = case['name']
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as e:
        check(name + ': the SVG parses as XML', False, str(e))
        return
    check(name + ': the SVG parses as XML', root.tag == NS + 'svg', root.tag)
    t0, t1 = ns(case['window'][0]), ns(case['window'][1])
    check(name + ': window', (int(root.get('data-t0-ns')), int(root.get('data-t1-ns')))
          == (t0, t1), '%s %s' % (root.get('data-t0-ns'), root.get('data-t1-ns')))
    lanes = [g for g in root.iter(NS + 'g') if g.get('class') == 'lane']
    names = [g.get('data-lane') for g in lanes]
    check(name + ': lanes ' + ', '.join(case['lanes']), names == list(case['lanes']),
          str(names))
    for g in lanes:
        lane = g.get('data-lane')
        want = case['lanes'].get(lane, [])
        bg = [r for r in g.iter(NS + 'rect') if r.get('class') == 'lane-bg'][0]
        x0, pw = float(bg.get('x')), float(bg.get('width'))
        rects = [r for r in g.iter(NS + 'rect') if r.get('class') == 'interval']
        check('%s: %s has %d intervals' % (name, lane, len(want)),
              len(rects) == len(want), 'found %d' % len(rects))
        bad = []
        for r, (v, a, b) in zip(rects, want):
            ex = x0 + (ns(a) - t0) * pw / (t1 - t0)
            ew = max((ns(b) - ns(a)) * pw / (t1 - t0), 0.5)
            got = (int(r.get('data-vgpu')), float(r.get('x')), float(r.get('width')))
            if got[0] != v or abs(got[1] - ex) > 0.01 or abs(got[2] - ew) > 0.01:
                bad.append('vgpu%d x %.3f w %.3f, want vgpu%d x %.3f w %.3f'
                           % (got + (v, ex, ew)))
        check('%s: %s intervals: vGPU, x and width' % (name, lane), not bad,
              '; '.join(bad))
        for kind, tag in (('preempt', 'polygon'), ('hang', 'path')):
            n = len([e for e in g.iter(NS + tag) if e.get('class') == kind])
            check('%s: %s has %d %s markers' % (name, lane, case['markers'][lane][kind],
                                                kind),
                  n == case['markers'][lane][kind], 'found %d' % n)
    legend = {g.get('data-vgpu'): g for g in root.iter(NS + 'g')
              if g.get('class') == 'legend'}
    check(name + ': legend vGPUs', sorted(legend) == sorted(case['legend']),
          str(sorted(legend)))
    for v, busy in case['legend'].items():
        g = legend.get(v)
        text = ''.join(g.find(NS + 'text').itertext()) if g is not None else ''
        check('%s: legend vgpu%s busy %d ns' % (name, v, busy),
              g is not None and int(g.get('data-busy-ns')) == busy and
              ('vgpu%s: busy %.3f ms' % (v, busy / 1e6)) in text, text)


def check_summary(case, out):
    name = case['name'] + ': --summary'
    rows, totals = {}, {}
    for line in out.splitlines():
        m = re.match(r'(\S+ \S+)\s+(\d+|all)\s+(\d+)\s+([\d.]+)\s+([\d.]+)%\s+(\d+)\s+(\d+)$',
                     line)
        if m:
            rows['%s/%s' % m.group(1, 2)] = [int(m.group(3)), m.group(4), m.group(5),
                                             int(m.group(6)), int(m.group(7))]
        m = re.match(r'total\s+(\d+)\s+([\d.]+)$', line)
        if m:
            totals[m.group(1)] = m.group(2)
    check(name + ' rows', rows == case['summary'],
          'got %s' % json.dumps(rows, sort_keys=True))
    check(name + ' totals', totals == case['totals'], 'got %s' % totals)


def main():
    spec = json.load(open(os.path.join(HERE, 'expected.json')))
    tmp = tempfile.mkdtemp(prefix='mvgpu-timeline-check.')
    svg_path = os.path.join(tmp, 'out.svg')
    for case in spec['cases']:
        p = run(case['args'] + ['-o', svg_path, case['trace']])
        check(case['name'] + ': exit status 0', p.returncode == 0, p.stderr)
        nwarn = p.stderr.count('warning:')
        check('%s: warnings: %d' % (case['name'], case['warnings']),
              nwarn == case['warnings'], p.stderr)
        if p.returncode == 0:
            check_svg(case, open(svg_path).read())
        p = run(case['args'] + ['--summary', case['trace']])
        check(case['name'] + ': --summary exit status 0', p.returncode == 0, p.stderr)
        check_summary(case, p.stdout)
        # The SVG on stdout is the same as the one written with -o.
        p = run(case['args'] + [case['trace']])
        check(case['name'] + ': stdout is the same SVG', p.stdout == open(svg_path).read())
    p = run(['--summary', '-o', svg_path, 'basic.trace'])
    check('--summary with -o: summary on stdout and the SVG in the file',
          p.returncode == 0 and p.stdout.startswith('# window') and
          ET.parse(svg_path).getroot().tag == NS + 'svg', p.stderr)
    p = run(['--submits', 'basic.trace'])
    n = p.stdout.count('class="submit"')
    check('--submits marks the 4 submissions', p.returncode == 0 and n == 4, 'found %d' % n)
    with open(os.path.join(HERE, 'basic.trace')) as f:
        p = subprocess.run([sys.executable, TOOL, '--summary'], stdin=f,
                           capture_output=True, text=True, timeout=60)
    check('the trace on stdin', p.returncode == 0 and 'sgpu0 rcs' in p.stdout, p.stderr)
    for bad in spec['bad']:
        p = run(bad['args'])
        check('%s: exit status %d, "%s"' % (bad['name'], bad['rc'], bad['stderr']),
              p.returncode == bad['rc'] and bad['stderr'] in p.stderr,
              'rc %d, stderr %r' % (p.returncode, p.stderr))
    # --format png: no converter on an empty PATH; a PNG where there is one.
    empty = os.path.join(tmp, 'empty-path')
    os.mkdir(empty)
    p = run(['--format', 'png', '-o', os.path.join(tmp, 'x.png'), 'basic.trace'],
            env=dict(os.environ, PATH=empty))
    check('--format png without a converter: exit status 2, a clear message',
          p.returncode == 2 and 'rsvg-convert' in p.stderr, p.stderr)
    if subprocess.run(['sh', '-c', 'command -v rsvg-convert'],
                      capture_output=True).returncode == 0:
        png = os.path.join(tmp, 'x.png')
        p = run(['--format', 'png', '-o', png, 'basic.trace'])
        check('--format png with rsvg-convert writes a PNG', p.returncode == 0 and
              open(png, 'rb').read(8) == b'\x89PNG\r\n\x1a\n', p.stderr)
    else:
        print('ok - --format png with a converter # SKIP rsvg-convert not installed')
    subprocess.run(['rm', '-rf', tmp])
    return failed


if __name__ == '__main__':
    sys.exit(main())
