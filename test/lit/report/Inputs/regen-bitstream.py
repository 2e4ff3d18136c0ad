# Regenerates the checked-in bitstream inputs from their YAML sources:
#   python3 regen-bitstream.py /usr/lib/llvm-22/bin/llvm-remarkutil
# LLVM's YAML remark parser returns scalars raw, so `llvm-remarkutil
# yaml2bitstream` would store "\n..." with its quotes and escapes. The
# double-quoted scalars are rewritten first as single-quoted ones with the
# newlines spelled out, so the bitstream holds what opt itself writes.
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
remarkutil = sys.argv[1] if len(sys.argv) > 1 else "llvm-remarkutil"

B_C = """--- !Missed
Pass:            heap2stack
Name:            Escapes
DebugLoc:        { File: b.c, Line: 9, Column: 10 }
Function:        fb
Args:
  - Callee:          _Znwm
  - String:          '('
  - Size:            '32'
  - String:          ') escapes to heap: '
  - Reason:          stored to global
...
"""


def raw(text):
    def unquote(m):
        body = m.group(1).replace("\\n", "\n")
        assert "\\" not in body and "'" not in body, body
        return "'" + body + "'"
    return re.sub(r'"((?:[^"\\]|\\n)*)"', unquote, text)


def to_bitstream(yaml_text, out):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(raw(yaml_text))
    try:
        subprocess.run([remarkutil, "yaml2bitstream", f.name, "-o", out], check=True)
    finally:
        os.unlink(f.name)
    with open(out, "rb") as f:
        return f.read()


def container_version_offset(data):
    """The bit that turns container version 1 into 3 (found by trying: the
    bitstream is bit-packed). The reader must then report the version."""
    # (296, 4) in LLVM 22's layout; try it first, remarkutil starts slowly
    tries = [(296, 4)] + [(i, b) for i in range(4, len(data)) for b in range(8)]
    for i, bit in tries:
        if i < len(data):
            x = bytearray(data)
            x[i] ^= 1 << bit
            with tempfile.NamedTemporaryFile(suffix=".bitstream", delete=False) as f:
                f.write(x)
            r = subprocess.run([remarkutil, "bitstream2yaml", f.name, "-o", os.devnull],
                               capture_output=True, text=True)
            os.unlink(f.name)
            if "container version (expected: 1, read: 3)" in r.stderr:
                return bytes(x)
    raise SystemExit("no container version bit found")


with open(os.path.join(here, "list.opt.yaml")) as f:
    data = to_bitstream(f.read(), os.path.join(here, "list.opt.bitstream"))
to_bitstream(B_C, os.path.join(here, "tree", "build", "sub", "b.c.opt.bitstream"))
with open(os.path.join(here, "bad", "truncated.opt.bitstream"), "wb") as f:
    f.write(data[:400])
with open(os.path.join(here, "bad", "newer.opt.bitstream"), "wb") as f:
    f.write(container_version_offset(data))
