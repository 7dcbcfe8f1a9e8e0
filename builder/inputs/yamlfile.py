"""YAML loading that remembers where each mapping and key stood, for one-line error messages."""
from __future__ import annotations

from pathlib import Path

import yaml

from builder.errors import SourceError


class LinedDict(dict):
    """A mapping from a YAML file that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when it is installed (it is, with PyYAML's wheels): same nodes and marks, faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _construct(node: yaml.Node, path: Path, scalars: yaml.SafeLoader):
    if isinstance(node, yaml.MappingNode):
        out = LinedDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, path, scalars)
            if not isinstance(key, str):
                raise SourceError(path, f"keys must be text, found {key!r}", key_node.start_mark.line + 1)
            if key in out:
                raise SourceError(path, f"duplicate key '{key}'", key_node.start_mark.line + 1)
            out[key] = _construct(value_node, path, scalars)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, path, scalars) for child in node.value]
    # Scalars: let the safe constructor resolve ints, bools, dates…
    return scalars.construct_object(node)


def load_yaml(path: Path):
    """Parse a YAML file; malformed YAML becomes a SourceError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not valid UTF-8 (byte {exc.start})") from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError(path, f"malformed YAML: {exc.problem or exc.context}", line) from None
    if node is None:
        return None
    return _construct(node, path, yaml.SafeLoader(""))
