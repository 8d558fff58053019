#!/usr/bin/env python3
"""Fills in (or checks) the expected bytes of the byte-exact encoder tests from the GNU assembler.

Every test line has the form

    check("48 01 d8", a -> a.add(RAX, RBX)); // gas: add rax, rbx
    checkAt(0x401000L, "e9 fb ef ff ff", a -> a.jmpAbsolute(0x400000L)); // gas: jmp 0x400000

The text after `// gas:` is Intel-syntax GNU as input (`;` separates statements). This script assembles it
with `as --64` (and, for checkAt, links it with `ld -Ttext=ADDRESS`), extracts the bytes of .text and writes them
as the expected hex. So the expectations come from binutils, never from our encoder.

    bless.py [--check] FILE.java...

--check changes nothing and exits 1 if any expectation differs from what as produces.
"""
import os
import re
import subprocess
import sys
import tempfile

LINE = re.compile(r'(?P<head>.*\b(?:check|checkAt)\((?:(?P<addr>0x[0-9a-fA-F_]+)L,\s*)?")(?P<hex>[0-9a-f ]*)'
                  r'(?P<tail>".*//\s*gas:\s*(?P<asm>.*))$')


def assemble(asm, address, workdir):
    src = os.path.join(workdir, 't.s')
    obj = os.path.join(workdir, 't.o')
    out = os.path.join(workdir, 't.bin')
    with open(src, 'w') as f:
        f.write('.intel_syntax noprefix\n' + asm + '\n')
    subprocess.run(['as', '--64', src, '-o', obj], check=True, capture_output=True, text=True)
    if address is not None:
        elf = os.path.join(workdir, 't.elf')
        subprocess.run(['ld', '-Ttext=' + address, '-e', address, '-o', elf, obj], check=True,
                       capture_output=True, text=True)
        obj = elf
    subprocess.run(['objcopy', '-O', 'binary', '-j', '.text', obj, out], check=True)
    with open(out, 'rb') as f:
        return ' '.join('%02x' % b for b in f.read())


def main(argv):
    check_only = '--check' in argv
    files = [a for a in argv if a != '--check']
    differences = 0
    with tempfile.TemporaryDirectory() as workdir:
        for path in files:
            with open(path) as f:
                lines = f.read().split('\n')
            for n, line in enumerate(lines):
                m = LINE.match(line)
                if not m:
                    continue
                address = m.group('addr').replace('_', '') if m.group('addr') else None
                try:
                    expected = assemble(m.group('asm'), address, workdir)
                except subprocess.CalledProcessError as e:
                    print(f'{path}:{n + 1}: as failed on "{m.group("asm")}": {e.stderr.strip()}', file=sys.stderr)
                    differences += 1
                    continue
                if expected != m.group('hex'):
                    differences += 1
                    print(f'{path}:{n + 1}: {m.group("asm")}: "{m.group("hex")}" -> "{expected}"')
                    lines[n] = m.group('head') + expected + m.group('tail')
            if not check_only:
                with open(path, 'w') as f:
                    f.write('\n'.join(lines))
    return 1 if check_only and differences else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
