# SPDX-License-Identifier: Apache-2.0
"""What the translation scripts share: the repository's root, the working folder of batches (default
build/translate, or --work DIR) and the remaining arguments."""
import os
import subprocess
import sys

ROOT = subprocess.run(['git', 'rev-parse', '--show-toplevel'], capture_output=True, text=True,
                      cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()


def arguments():
    """(work folder, the other arguments)"""
    args = sys.argv[1:]
    work = os.path.join(ROOT, 'build', 'translate')
    if '--work' in args:
        i = args.index('--work')
        work = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    return work, args
