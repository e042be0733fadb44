"""Front matter (YAML, TOML or JSON between `---` lines) read safely: bounded, no YAML aliases."""

from __future__ import annotations

import re

from rag.errors import InputError


class _FrontMatterLoader:
    """PyYAML's safe loader without aliases or implicit timestamps.

    Aliases let a few hundred bytes expand into gigabytes ("billion laughs"); dates stay strings
    so that an impossible one (2025-13-45) is an unknown date, not a failed file.
    """

    _cls = None

    @classmethod
    def get(cls):
        if cls._cls is None:
            import yaml

            timestamp = "tag:yaml.org,2002:timestamp"

            class Loader(yaml.SafeLoader):
                yaml_implicit_resolvers = {
                    first: [(tag, rx) for tag, rx in resolvers if tag != timestamp]
                    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
                }

                def compose_node(self, parent, index):
                    if self.check_event(yaml.AliasEvent):
                        event = self.peek_event()
                        raise yaml.composer.ComposerError(
                            None, None, f"uses a YAML alias (*{event.anchor}), which front matter may not",
                            event.start_mark,
                        )
                    return super().compose_node(parent, index)

            cls._cls = Loader
        return cls._cls


_MAX_FRONT_MATTER = 64 * 1024


# A value that opens in YAML's own syntax, not prose: a flow list or map, an anchor, an alias, a tag,
# a block scalar, a directive, a list entry, a complex key, a comment.
_YAML_SYNTAX = frozenset("[{&*!|>%@`-?#")
# A line of a hand-written block: a key, a colon, and the rest of the line as its value.
_FLAT_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def _flat_lines(block: str, exc: Exception) -> dict:
    """A hand-written block that YAML refuses for prose in a value (a colon: "title: Correction: fares
    rise"; a quote that does not end it: 'title: "Salt Orchard" wins the prize'; a dash: 'title:
    "48,200 of us" - the queue grows') read as plain `key: value` lines, each value a string up to the
    line's end. Any other YAML error (a tag, an alias), a line of another shape, or a value in YAML's
    own syntax (a list, a map, an anchor, a block) is raised again."""
    import yaml

    if not isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)) or "alias" in str(exc):
        raise exc
    meta = {}
    for line in block.splitlines():
        if not line.strip():
            continue
        m = _FLAT_LINE.match(line)
        # A double quote left open would carry the value into the next line in YAML: a block read
        # line by line must not make that line a key of its own ('title: "A' / 'published: 2001"').
        if m is None or m.group("value")[:1] in _YAML_SYNTAX or m.group("value").count('"') % 2:
            raise exc
        value = m.group("value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" and value[0] not in value[1:-1]:
            value = value[1:-1]
        meta[m.group("key")] = value
    return meta


def split_front_matter(name: str, content: str) -> tuple[dict, str]:
    """The metadata block at the top of `content` (empty when there is none) and the body after it."""
    import frontmatter
    import yaml

    handler = frontmatter.detect_format(content, frontmatter.handlers)
    if handler is None:
        return {}, content
    try:
        fm, body = handler.split(content)
        if len(fm) > _MAX_FRONT_MATTER:
            raise ValueError(f"it is {len(fm):,} characters long, over the {_MAX_FRONT_MATTER:,} allowed")
        if isinstance(handler, frontmatter.YAMLHandler):
            try:
                meta = yaml.load(fm, Loader=_FrontMatterLoader.get())  # noqa: S506 - a safe loader, aliases refused
            except yaml.YAMLError as exc:
                meta = _flat_lines(fm, exc)
        else:
            meta = handler.load(fm)
    except RecursionError:
        raise InputError(name, "has front matter nested too deeply to parse; flatten it") from None
    except Exception as exc:  # the YAML, TOML and JSON parsers raise several unrelated types
        problem = " ".join(str(exc).split())[:300]
        raise InputError(
            name, f"has a malformed front-matter block ({problem}); fix the block between the '---' lines"
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(
            name, f"has front matter that is a {type(meta).__name__}, not 'key: value' lines; "
            "fix the block between the '---' lines",
        )
    return meta, body
