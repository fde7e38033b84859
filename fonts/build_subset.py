#!/usr/bin/env python3
"""Rebuild fonts/NotoSansSC-copydesk-subset.otf, copydesk's fallback CJK font.

The face is Noto Sans CJK SC Regular (SIL Open Font License 1.1, see OFL.txt), cut down to the
characters Chinese newspaper pages use: every character of GB 2312 (6 763 hanzi, punctuation,
full-width forms), ASCII and Latin-1, general punctuation and the CJK symbols block.

    pip install fonttools
    python3 fonts/build_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Debian's package fonts-noto-cjk installs the collection at that path.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

OUT = Path(__file__).with_name("NotoSansSC-copydesk-subset.otf")


def gb2312_characters():
    """Every character GB 2312 encodes, found by decoding each double-byte code."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted_codepoints():
    points = {ord(c) for c in gb2312_characters()}
    points |= set(range(0x20, 0x7F))  # ASCII
    points |= set(range(0xA0, 0x100))  # Latin-1
    points |= set(range(0x2000, 0x2070))  # general punctuation: — … ‘ ’ “ ” ·
    points |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation: 、。《》「」
    points |= set(range(0xFF00, 0xFFF0))  # full-width forms: ，！（）％
    points |= {0x25A1, 0x25A0, 0x25CE, 0x25CF, 0x2606, 0x2605, 0x25C7, 0x25C6}  # □■◎●☆★◇◆
    return sorted(points)


def simplified_chinese_face(collection_path):
    collection = TTCollection(collection_path)
    for font in collection.fonts:
        names = {record.toUnicode() for record in font["name"].names if record.nameID in (1, 4)}
        if any("CJK SC" in name for name in names) and not any("Mono" in name for name in names):
            return font
    raise SystemExit(f"{collection_path}: no Noto Sans CJK SC face in this collection")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    font = simplified_chinese_face(sys.argv[1])
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    font.save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
