#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes every translation in WORK/LANG/out-*.json into translations/bpsetup_LANG.ts, matched by context and
source. Run the update_translations target afterwards: it rewrites the files in lupdate's own format.
usage: tools/translate/apply.py LANG... [--work DIR]"""
import glob, json
import os
import sys

from common import ROOT, arguments

WORK, args = arguments()
import xml.etree.ElementTree as ET
for lang in args:
    ts = os.path.join(ROOT, 'translations', f'bpsetup_{lang}.ts')
    tr = {}
    for f in sorted(glob.glob(os.path.join(WORK, lang, 'out-*.json'))):
        for e in json.load(open(f, encoding='utf-8')): tr[(e['ctx'], e['src'])] = e['tr']
    tree = ET.parse(ts); n = 0
    for ctx in tree.getroot().iter('context'):
        name = ctx.findtext('name')
        for m in ctx.iter('message'):
            k = (name, m.findtext('source'))
            if k not in tr: continue
            t = m.find('translation')
            for c in list(t): t.remove(c)
            t.text = None
            if 'type' in t.attrib: del t.attrib['type']
            if m.get('numerus') == 'yes':
                for form in (tr[k] if isinstance(tr[k], list) else [tr[k]]):
                    ET.SubElement(t, 'numerusform').text = form
            else:
                t.text = tr[k] if isinstance(tr[k], str) else tr[k][0]
            n += 1
    with open(ts, 'wb') as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding='utf-8', xml_declaration=False)
    print(lang, 'applied', n)
