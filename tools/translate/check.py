#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks a translator's WORK/LANG/out-NN.json against its in-NN.json: every message answered, the same
placeholders and HTML tags, one mnemonic where the source has one, the same edge spaces and line breaks.
usage: tools/translate/check.py LANG [OUT_FILE...] [--work DIR]"""
import glob, json, re
import os
import sys

from common import ROOT, arguments

WORK, args = arguments()
lang = args[0]; files = args[1:] or sorted(glob.glob(os.path.join(WORK, lang, 'out-*.json')))
ph = re.compile(r'%L?\d|%n'); tag = re.compile(r'</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>')
def mnem(s): return len(re.findall(r'&(?!&)(?=[^\s;])', s.replace('&&', '')))
bad = 0
for f in files:
    out = json.load(open(f, encoding='utf-8'))
    inFile = f.replace('out-', 'in-')
    if not os.path.exists(inFile):
        print(f, 'has no batch', inFile); bad += 1; continue
    inp = {(e['ctx'], e['src']): e for e in json.load(open(inFile, encoding='utf-8'))}
    seen = set()
    for e in out:
        k = (e['ctx'], e['src']); seen.add(k)
        if k not in inp: print(f, 'not in the batch:', k); bad += 1; continue
        trs = e['tr'] if isinstance(e['tr'], list) else [e['tr']]
        if inp[k].get('numerus'):
            want = 1 if lang == 'ja' else 2
            if not isinstance(e['tr'], list) or len(e['tr']) != want:
                print(f, 'numerus needs a list of', want, 'forms:', k[1][:60]); bad += 1
        for t in trs:
            if not t.strip(): print(f, 'empty:', k[1][:60]); bad += 1; continue
            if sorted(set(ph.findall(t)) - {'%n'}) != sorted(set(ph.findall(k[1])) - {'%n'}):
                print(f, 'placeholders differ:', k[1][:60], '->', t[:60]); bad += 1
            if sorted(tag.findall(t)) != sorted(tag.findall(k[1])):
                print(f, 'HTML tags differ:', k[1][:60]); bad += 1
            if min(mnem(k[1]), 1) != min(mnem(t), 1) or mnem(t) > 1:
                print(f, 'mnemonic (&) count differs:', k[1][:60], '->', t[:60]); bad += 1
            if t[:1].isspace() != k[1][:1].isspace() or t[-1:].isspace() != k[1][-1:].isspace() or t.count('\n') != k[1].count('\n'):
                print(f, 'leading/trailing whitespace or line breaks differ:', k[1][:60]); bad += 1
    for k in inp:
        if k not in seen: print(f, 'missing:', k[1][:60]); bad += 1
print('problems:', bad)
sys.exit(1 if bad else 0)
