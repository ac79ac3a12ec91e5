"""Step 1: bytes to text.

Layout systems export UTF-8 (sometimes with a byte-order mark) or, on older machines, GB18030/GBK.
We try UTF-8 first, because GB18030 accepts almost any byte sequence and would turn UTF-8 into
nonsense; GBK is a subset of GB18030, so one decoder covers both.

    decode("本报讯".encode("gb18030")) -> ("本报讯", "gb18030")
"""

import codecs

from .types import ParseError

SUPPORTED = ("utf-8", "gb18030")


def decode(data, encoding=None):
    """Return (text, encoding name). Raise ParseError naming the reason and the byte offset."""
    text, name = _decode(data, encoding)
    if not text.replace("\u3000", "").replace("\ufeff", "").strip():
        raise ParseError("the file is empty or blank", "文件是空的")
    return text, name


def _decode(data, encoding):
    if not data.strip():
        raise ParseError("the file is empty or blank", "文件是空的")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise ParseError(
            f"this is a binary file, not page text (NUL byte at offset {offset})",
            f"这是二进制文件，不是版面文本（第 {offset} 字节为 NUL）",
        )
    if encoding:
        return _decode_as(data, encoding), codecs.lookup(encoding).name
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8"
    failures = []
    for candidate in SUPPORTED:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError as error:
            failures.append(f"{candidate} fails at byte offset {error.start}")
    raise ParseError(
        "no supported encoding decodes it: " + "; ".join(failures),
        "不是 UTF-8 或 GB18030 编码的文本，无法解码：" + "；".join(failures),
    )


def _decode_as(data, encoding):
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        raise ParseError(f"unknown encoding {encoding!r}", f"未知编码 {encoding!r}") from error
    try:
        return data.decode(encoding)
    except LookupError as error:  # rot13, hex, base64: codecs, but not from bytes to text
        raise ParseError(f"{encoding!r} is not a text encoding", f"{encoding!r} 不是文本编码") from error
    except UnicodeDecodeError as error:
        raise ParseError(
            f"not valid {encoding}: undecodable byte at offset {error.start}",
            f"不是有效的 {encoding} 文本：第 {error.start} 字节无法解码",
        ) from error
