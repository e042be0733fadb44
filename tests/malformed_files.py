"""Malformed (and a few good) article files for fuzzing ingestion: the CLI here, the upload form elsewhere.

`generate(folder, count, seed)` writes `count` malformed files across every supported suffix,
plus `len(GOOD)` good ones, and returns all their paths. The file name says what to expect:

- `good-*`: a well-formed article; it must be indexed.
- `bad-*`: must be refused, with the file named in the failure (and no traceback anywhere).
- `odd-*`: damaged but possibly still readable (truncated text, a legacy encoding, deep HTML):
  either indexed or refused with its name; never a crash.

Deterministic for a given seed. Files are small (a few KB; the nesting and long-line ones up to
a few hundred KB, one file just over the 10 MB limit), so most produce no chunks and the whole
set ingests in seconds.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
LIMIT_BYTES = 10_000_000  # the default max_file_bytes

_STORY = (
    "The regional council approved a new budget on Tuesday after a long debate. "
    "Officials said the plan would fund road repairs and two new schools. "
    "Opposition members called the spending reckless and promised to challenge it. "
    "Residents at the meeting were divided, with some applauding and others leaving early."
)


def _text_article(title: str, body: str = _STORY) -> str:
    return f"{title}\n\n{body}\n"


def _html_article(title: str, body: str = _STORY) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    )


def _record(title: str, body: str = _STORY) -> dict:
    return {"title": title, "text": body}


def _good_article(suffix: str, n: int) -> bytes:
    """A well-formed article of a given type; each one's text differs, so none is a duplicate."""
    title = f"Harbour Ferry Line Number {n} Reopens"
    body = (
        f"PORTSMOUTH, March {n + 1}, 2024 (Reuters) — Ferry line {n} resumed service on Sunday after repairs. "
        f"Operators said line {n} would run every hour. Passengers welcomed the return of route {n}."
    )
    if suffix in (".json",):
        return json.dumps(_record(title, body)).encode()
    if suffix == ".jsonl":
        return (json.dumps(_record(title, body)) + "\n").encode()
    if suffix in (".html", ".htm"):
        return _html_article(title, body).encode()
    if suffix in (".md", ".markdown"):
        return f"---\ntitle: {title}\nauthor: Jane Doe\n---\n{body}\n".encode()
    return _text_article(title, body).encode()


# (suffix, how) of the good files: one per kind of input, one of them UTF-16 with a BOM.
GOOD = (
    (".txt", "utf-8"), (".md", "utf-8"), (".html", "utf-8"), (".json", "utf-8"), (".jsonl", "utf-8"),
    (".txt", "utf-16"),
)


def _empty(rng, suffix):
    return "bad", b""


def _blank(rng, suffix):
    return "bad", rng.choice([b" ", b"\n\n\n", b" \t \r\n " * rng.randint(1, 50)])


def _zero_bytes(rng, suffix):
    return "bad", b"\x00" * rng.randint(1, 5000)


def _binary_junk(rng, suffix):
    size = rng.randint(64, 8000)
    junk = bytes(rng.getrandbits(8) for _ in range(size))
    if rng.random() < 0.5:  # a known binary header in front
        junk = rng.choice([b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n\x00", b"PK\x03\x04", b"\x7fELF\x02\x01"]) + junk
    return "bad", junk


def _control_junk(rng, suffix):
    """Bytes that decode as UTF-8 but are control characters, not text."""
    return "bad", bytes(rng.choice(range(1, 9)) for _ in range(rng.randint(50, 2000)))


def _truncated(rng, suffix):
    """A good article cut off at a random byte (possibly inside a multi-byte character)."""
    if suffix in (".json", ".jsonl"):
        full = json.dumps(_record("Café “quoted” headline", _STORY), ensure_ascii=False).encode()
        cut = rng.randint(1, len(full) - 2)
        return "bad", full[:cut]
    if suffix in (".html", ".htm"):
        full = _html_article("Café “quoted” headline").encode()
    else:
        full = _text_article("Café “quoted” headline").encode()
    return "odd", full[: rng.randint(1, len(full) - 1)]


def _wrong_encoding(rng, suffix):
    """Text in a legacy or UTF-16/32 encoding, with or without a byte-order mark."""
    codec = rng.choice(["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "shift_jis", "koi8-r"])
    if codec in ("shift_jis",):
        text = "市議会は火曜日に新しい予算を承認した。" * 20
    elif codec == "koi8-r":
        text = "Городской совет одобрил новый бюджет во вторник. " * 20
    else:
        text = "Café au lait, naïve façade, résumé: the council’s budget passed. " * 20
    if suffix in (".json", ".jsonl"):
        body = json.dumps(_record("Encoded", text), ensure_ascii=False)
    elif suffix in (".html", ".htm"):
        body = _html_article("Encoded", text)
    else:
        body = _text_article("Encoded", text)
    return "odd", body.encode(codec, errors="replace")


def _bad_bom(rng, suffix):
    """A UTF-16 byte-order mark followed by an odd number of bytes: no valid UTF-16."""
    return "bad", b"\xff\xfe" + b"\x00\xd8" * rng.randint(1, 50) + b"x"


def _huge_line(rng, suffix):
    """One enormous line where a short one belongs (a title, a field): refused without a slow parse."""
    long_title = "Very long headline " * rng.randint(2_000, 10_000)
    if suffix in (".json", ".jsonl"):
        return "bad", json.dumps(_record(long_title, "")).encode()
    if suffix in (".html", ".htm"):
        return "bad", ("<html><body><script>var x='" + "a" * rng.randint(10**5, 5 * 10**5) + "';</script></body></html>").encode()
    return "bad", ("---\ntitle: " + long_title + "\n---\n").encode()


def _nested(rng, suffix):
    """Structures nested far past any parser's recursion limit."""
    depth = rng.randint(10_000, 100_000)
    if suffix in (".json", ".jsonl"):
        return "bad", ("[" * depth + "]" * depth).encode()
    if suffix in (".html", ".htm"):
        return "odd", ("<html><body>" + "<div>" * depth + "deep text" + "</div>" * depth + "</body></html>").encode()
    return "bad", ("---\ntitle: " + "[" * depth + "]" * depth + "\n---\nBody text.\n").encode()


def _bad_front_matter(rng, suffix):
    """Front matter that is malformed, not a mapping, or an alias bomb ("billion laughs")."""
    if suffix in (".json", ".jsonl"):
        return _wrong_records(rng, suffix)
    if suffix in (".html", ".htm"):
        return "bad", b"<html><head><script>document.write('x')</script></head><body></body></html>"
    laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    ) + "title: *i\n"
    front = rng.choice([
        laughs,
        "title: [unclosed\n",
        "- just\n- a list\n",
        "title: x\n  bad: indent\n",
        "title: !!python/object:os.system 'echo pwned'\n",
        "published: !!timestamp 2025-13-45\n",
        "id: " + "9" * 5000 + "\n",
    ])
    return "bad", f"---\n{front}---\n{_STORY}\n".encode()


def _wrong_records(rng, suffix):
    """JSON that parses but holds no usable record (in a text file, it is merely odd text)."""
    record = rng.choice([
        [], {}, 42, "just a string", None, [1, 2, 3], {"title": "No text"}, {"text": "No title"},
        {"title": 5, "text": ["not", "a", "string"]}, {"title": "  ", "text": "  "},
        {"title": {"nested": True}, "text": {"deeper": [1, 2]}},
    ])
    big_number = rng.random() < 0.3
    if suffix in (".html", ".htm"):
        return "bad", b"<html><body><style>p { color: red }</style></body></html>"
    if suffix not in (".json", ".jsonl"):
        return "odd", json.dumps(record).encode()
    if big_number:
        return "bad", b'{"title": "Big number", "text": "x", "n": ' + b"1" * 5000 + b"}"
    if suffix == ".jsonl":
        if record == [] or record is None:
            record = {"title": "No text"}
        return "bad", (json.dumps(record) + "\n{not json}\n").encode()
    return "bad", json.dumps(record).encode()


def _headings_only(rng, suffix):
    """Markup that holds headings or boilerplate but no article text."""
    if suffix in (".md", ".markdown"):
        return "bad", b"# Title\n\n## One\n\n## Two\n"
    if suffix in (".html", ".htm"):
        return "bad", b"<html><body><script>var a=1;</script></body></html>"
    if suffix in (".json", ".jsonl"):
        return _wrong_records(rng, suffix)
    return "bad", b"---\ntitle: Only Front Matter\n---\n\n\n"


def _unclosed_front_matter(rng, suffix):
    if suffix in (".json", ".jsonl", ".html", ".htm"):
        return _truncated(rng, suffix) if suffix in (".html", ".htm") else _wrong_records(rng, suffix)
    return "odd", f"---\ntitle: Never Closed\nBody runs on. {_STORY}\n".encode()


KINDS = (
    _empty, _blank, _zero_bytes, _binary_junk, _control_junk, _truncated, _wrong_encoding, _bad_bom,
    _huge_line, _nested, _bad_front_matter, _wrong_records, _headings_only, _unclosed_front_matter,
)


def generate(folder: Path, count: int = 200, seed: int = 0) -> list[Path]:
    """Write `count` malformed files and the good ones into `folder`; return every path written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths: list[Path] = []
    for n, (suffix, codec) in enumerate(GOOD):
        path = folder / f"good-{n:02d}-{codec}{suffix}"
        data = _good_article(suffix, n)
        path.write_bytes(data if codec == "utf-8" else data.decode().encode(codec))
        paths.append(path)
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        suffix = SUFFIXES[(n // len(KINDS) + n) % len(SUFFIXES)]
        if n == count - 1:  # one file just over the size limit
            expect, data, name = "bad", b"word " * (LIMIT_BYTES // 5 + 1), "oversize"
        else:
            expect, data = kind(rng, suffix)
            name = kind.__name__.strip("_").replace("_", "-")
        path = folder / f"{expect}-{n:03d}-{name}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths
