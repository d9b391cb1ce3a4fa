"""A zip's bytes as `zipfile` writes them for the package writer, made directly.

`package.write_zip` asks `zipfile` for a zip of fixed entry times, modes and order (the
deck: 8,700 entries for 1,000 slides; each chart's workbook: ten). `zipfile` spends as
long on each entry's bookkeeping as on deflating it (a `ZipInfo`, a header written and
written again once the sizes are known). The same bytes are made here in one pass: each
entry deflated as `zipfile` deflates it (default level, raw deflate), its local header,
and the central directory and end record as `zipfile` writes them for such entries. An
entry's deflated data can be kept (`memo`) for the next entry of the same bytes: ten
parts of a chart's workbook, seven of them the same for every chart. Beyond what this
covers (ZIP64 sizes, 65,535 entries), `zipfile` itself.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # structCentralDir
_END = struct.Struct("<4s4H2LH")  # structEndArchive
_VERSION = 20  # zipfile's DEFAULT_VERSION, for deflated entries too
_DEFLATED = 8
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1  # zipfile's ZIP64_LIMIT
MEMO_ENTRIES = 256  # deflated entries kept at most


def zip_bytes(names: Sequence[str], entries: dict[str, bytes],
              date_time: tuple[int, int, int, int, int, int], external_attr: int,
              memo: dict[bytes, tuple[bytes, int]] | None = None) -> bytes | None:
    """The zip `zipfile.ZipFile(out, "w", ZIP_DEFLATED)` writes for `names` in order, each
    `writestr(ZipInfo(name, date_time), entries[name])` with that `external_attr`, deflated
    and `create_system` 0; None where ZIP64 would be needed (the caller uses zipfile)."""
    if len(names) > 0xFFFF:
        return None
    dt = date_time
    dosdate = (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2]
    dostime = dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)
    parts: list[bytes] = []
    central: list[bytes] = []
    at = 0
    for name in names:
        data = entries[name]
        if len(data) * 1.05 > _LIMIT or at > _LIMIT:
            return None
        deflated = memo.get(data) if memo is not None else None
        if deflated is None:
            compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            deflated = (compressor.compress(data) + compressor.flush(), zlib.crc32(data))
            if memo is not None:
                if len(memo) >= MEMO_ENTRIES:
                    memo.clear()
                memo[data] = deflated
        packed, crc = deflated
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), _UTF8_NAME
        parts += [_LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, _DEFLATED, dostime, dosdate,
                              crc, len(packed), len(data), len(filename), 0), filename, packed]
        central += [_CENTRAL.pack(b"PK\001\002", _VERSION, 0, _VERSION, 0, flags, _DEFLATED,
                                  dostime, dosdate, crc, len(packed), len(data), len(filename),
                                  0, 0, 0, 0, external_attr, at), filename]
        at += _LOCAL.size + len(filename) + len(packed)
    directory = b"".join(central)
    if at > _LIMIT or len(directory) > _LIMIT:
        return None
    return b"".join(parts) + directory + _END.pack(b"PK\005\006", 0, 0, len(names),
                                                   len(names), len(directory), at, 0)
