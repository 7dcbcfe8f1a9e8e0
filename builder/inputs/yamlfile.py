"""YAML loading that remembers where each mapping and key stood, for one-line error messages.

Safe by construction: the data files (manifest, glossary, translations, editorial notes) are
plain mappings, lists and scalars, so the loader accepts nothing else. It reads libyaml's event
stream and builds the data itself, without recursion, refusing before anything is built:

* anchors and aliases (``&a``, ``*a``): a billion-laughs bomb or a recursive alias is stopped at
  its first anchor, in microseconds, instead of being expanded;
* tags of any kind (``!!python/name:os.system``, ``!secret``, even ``!!str``): no value is ever
  constructed from a tag;
* merge keys (``<<: …``): without aliases they could only merge an inline mapping, which is the
  same as writing its keys out, so they are refused rather than half supported;
* nesting deeper than ``MAX_DEPTH`` (libyaml's own composer recurses in C and crashes on
  100 000 ``[``, and its scanner slows down quadratically with depth);
* more than one document, files over ``MAX_BYTES``, non-regular files.

Every refusal is a SourceError: one line naming the file and the line.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from builder.errors import SourceError
from builder.inputs.files import FileProblem, read_limited

MAX_DEPTH = 64
"""Mappings and lists nested deeper than this are refused (the real files nest 4 deep)."""
MAX_BYTES = 16 * 1024 * 1024
"""A YAML data file over this size is refused before it is read (the glossary is 180 KB)."""


class LinedDict(dict):
    """A mapping from a YAML file that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when it is installed (it is, with PyYAML's wheels): same events and marks, faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"  # a plain "=": SafeConstructor has no constructor for it


def _line(event) -> int:
    return event.start_mark.line + 1


def _read_text(path: Path) -> str:
    try:
        data = read_limited(path, MAX_BYTES)
    except FileProblem as problem:
        raise SourceError(path, str(problem)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not valid UTF-8 (byte {exc.start})", data[: exc.start].count(b"\n") + 1) from None


class _Builder:
    """Plain data from a stream of parser events, with an explicit stack instead of recursion."""

    def __init__(self, path: Path):
        self.path = path
        self.scalars = yaml.SafeLoader("")  # resolves and constructs plain scalars (ints, dates…)
        self.constructors = yaml.SafeLoader.yaml_constructors

    def fail(self, event, message: str):
        raise SourceError(self.path, message, _line(event))

    def refuse_unsafe(self, event) -> None:
        if isinstance(event, yaml.AliasEvent):
            self.fail(event, f"alias '*{event.anchor}': anchors and aliases are not supported; write the value out")
        if event.anchor is not None:
            self.fail(event, f"anchor '&{event.anchor}': anchors and aliases are not supported; write the value out")
        tag = event.tag
        if tag is not None:
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            self.fail(event, f"tag '{shown}' is not allowed: YAML tags are not supported; write a plain value")

    def scalar(self, event):
        tag = self.scalars.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR or tag == _VALUE:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructors[tag](self.scalars, node)
        except (KeyError, ValueError, OverflowError, yaml.YAMLError):
            self.fail(event, f"cannot read the value '{event.value[:40]}'")

    def build(self, events):
        stack: list = []  # open containers: [LinedDict, pending key or None, its line] or [list]
        root, documents = None, 0
        for event in events:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.fail(event, "more than one YAML document (a second '---'); one per file")
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()[0]
                if not stack:
                    root = done
                continue
            self.refuse_unsafe(event)
            if kind is yaml.ScalarEvent:
                if stack and isinstance(stack[-1][0], LinedDict) and stack[-1][1] is None:
                    self.key(stack[-1], event)
                    continue
                value = self.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    self.fail(event, f"nested more than {MAX_DEPTH} levels deep")
                if stack and isinstance(stack[-1][0], LinedDict) and stack[-1][1] is None:
                    self.fail(event, "keys must be text, found a " + (
                        "mapping" if kind is yaml.MappingStartEvent else "list"))
                if kind is yaml.MappingStartEvent:
                    value = LinedDict()
                    value.line = _line(event)
                    value.key_lines = {}
                else:
                    value = []
            else:  # pragma: no cover - PyYAML has no other event kinds
                self.fail(event, f"unexpected YAML ({kind.__name__})")
            if stack:
                top = stack[-1]
                if isinstance(top[0], LinedDict):
                    top[0][top[1]] = value
                    top[0].key_lines[top[1]] = top[2]
                    top[1] = None
                else:
                    top[0].append(value)
            elif kind is yaml.ScalarEvent:
                root = value
            if kind is not yaml.ScalarEvent:
                stack.append([value, None, 0])
        return root

    def key(self, top: list, event) -> None:
        mapping = top[0]
        resolved = self.scalars.resolve(yaml.ScalarNode, event.value, event.implicit)
        if resolved == _MERGE:
            self.fail(event, "merge key '<<' is not supported; write the keys out")
        key = self.scalar(event)
        if not isinstance(key, str):
            self.fail(event, f"keys must be text, found {key!r}")
        if key in mapping:
            self.fail(event, f"duplicate key '{key}'")
        top[1], top[2] = key, _line(event)


def load_yaml(path: Path):
    """Parse a YAML data file; malformed or unsafe YAML becomes a SourceError naming file and line."""
    text = _read_text(path)
    try:
        return _Builder(path).build(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or ""
        if "nesting depth" in problem:  # PyYAML >= 6.0.4 has a limit of its own; one message for both
            raise SourceError(path, f"nested more than {MAX_DEPTH} levels deep", line) from None
        raise SourceError(path, f"malformed YAML: {problem}", line) from None
    except yaml.reader.ReaderError as exc:  # a control character, say
        # libyaml counts bytes of the UTF-8 text, PyYAML's own reader counts characters
        before = text.encode("utf-8") if _LOADER is not yaml.SafeLoader else text
        line = before[: exc.position].count("\n" if isinstance(before, str) else b"\n") + 1
        raise SourceError(path, f"malformed YAML: {exc.reason}", line) from None
    except yaml.YAMLError as exc:
        raise SourceError(path, f"malformed YAML: {' '.join(str(exc).split())}") from None
