"""Bytes → text: a byte-order mark, then UTF-8, then a detected legacy encoding; binary data refused."""

from __future__ import annotations

import codecs

from rag.errors import InputError

# Byte-order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_SAMPLE = 64 * 1024
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def decode_text(name: str, raw: bytes) -> str:
    """Bytes → text: a byte-order mark first, then UTF-8, then a detected encoding (charset-normalizer).

    Only content that is no text in any encoding is refused as binary.
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return _unless_binary(name, raw.decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(
                    name, f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(undecodable bytes at offset {exc.start}); re-save it as UTF-8",
                ) from None
    try:
        return _unless_binary(name, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
        if exc.reason == "unexpected end of data":  # cut off in the middle of its last character
            try:
                return _unless_binary(name, raw[:first_bad].decode("utf-8"))
            except UnicodeDecodeError:
                pass
    if b"\x00" in raw[:_SAMPLE]:
        text = _utf16_without_bom(raw)
        if text is None:
            raise InputError(name, "is a binary file, not text")
        return _unless_binary(name, text)
    if _control_bytes(raw[:_SAMPLE]) > max(2, min(len(raw), _SAMPLE) // 50):
        raise InputError(name, "is a binary file, not text")
    guess = _detect(raw)
    if guess is None:
        raise InputError(
            name,
            f"is not UTF-8 text (undecodable byte 0x{raw[first_bad]:02x} at offset {first_bad}) and no other "
            "text encoding fits it; re-save it as UTF-8",
        )
    return _unless_binary(name, str(guess))


# The legacy encodings a Western text most likely is, preferred when the detector finds a tie.
_LEGACY_DEFAULTS = ("cp1252", "latin_1", "iso8859_15")


def _detect(raw: bytes) -> str | None:
    """Decode with the encoding charset-normalizer finds most plausible; None when none is."""
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    # Short Western text reads equally cleanly in many code pages, and the detector's language
    # guess on a few words is noise; Windows-1252 (the web's legacy default) is then the likeliest.
    tied = [m for m in matches if m.chaos <= best.chaos]
    return str(next((m for m in tied if set(m.could_be_from_charset) & set(_LEGACY_DEFAULTS)), best))


def _control_bytes(raw: bytes) -> int:
    """Bytes no text encoding but UTF-16/32 uses (C0 controls other than whitespace and escape)."""
    return sum(raw.count(bytes([b])) for b in (*range(0, 9), 14, 15, *range(16, 27), 28, 29, 30, 31, 127))


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark (NUL bytes are half its ASCII characters)."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw[: len(raw) - len(raw) % 2].decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[: _SAMPLE // 2]
        if sample and sum(c.isprintable() or c.isspace() for c in sample) / len(sample) > 0.95:
            return text
    return None


def _unless_binary(name: str, text: str) -> str:
    """Text that is mostly control characters is binary data that happens to decode."""
    sample = text[:_SAMPLE]
    controls = sum(1 for c in sample if c < " " and c not in _ALLOWED_CONTROLS or c == "\x7f")
    if "\x00" in sample or controls > max(2, len(sample) // 50):  # decoded text never holds NUL
        raise InputError(name, "is a binary file, not text")
    return text
