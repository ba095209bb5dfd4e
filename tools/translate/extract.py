#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the unfinished messages of translations/bpsetup_LANG.ts as batches WORK/LANG/in-NN.json (JSON lists of
{ctx, src, comment?, numerus?}) for a translator, skipping messages already in a batch.
usage: tools/translate/extract.py LANG [BATCH_SIZE] [--work DIR]"""
import glob, json
import os
import sys

from common import ROOT, arguments

WORK, args = arguments()
import xml.etree.ElementTree as ET
lang = args[0]; size = int(args[1]) if len(args) > 1 else 120
ts = os.path.join(ROOT, 'translations', f'bpsetup_{lang}.ts')
done = set()
for f in glob.glob(os.path.join(WORK, lang, '*-*.json')):
    for e in json.load(open(f, encoding='utf-8')):
        done.add((e['ctx'], e['src']))
todo = []
for ctx in ET.parse(ts).getroot().iter('context'):
    name = ctx.findtext('name')
    for m in ctx.iter('message'):
        t = m.find('translation')
        if t.get('type') not in ('unfinished',) and (t.text or list(t)):
            continue
        src = m.findtext('source')
        if (name, src) in done:
            continue
        e = {'ctx': name, 'src': src}
        if m.findtext('comment'): e['comment'] = m.findtext('comment')
        if m.get('numerus') == 'yes': e['numerus'] = True
        todo.append(e)
os.makedirs(os.path.join(WORK, lang), exist_ok=True)
existing = glob.glob(os.path.join(WORK, lang, 'in-*.json'))
start = len(existing)
for i in range(0, len(todo), size):
    n = start + i // size
    json.dump(todo[i:i+size], open(os.path.join(WORK, lang, f'in-{n:02d}.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(lang, len(todo), 'messages in', (len(todo) + size - 1) // size, 'new batches starting at', start)
