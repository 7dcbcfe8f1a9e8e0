"""What a reader can find on a page: its sections, read from the page's Markdown as exported.

A section runs from one anchor to the next: a heading (``## 二、… {: #h-da16f50 }``), or an
HTML element with an ``id`` (a report paragraph ``<p id="p-2b9371e">``, a list item, the
editorial notes). Text between two anchors belongs to the earlier one, so in the English
edition the Chinese original shown under a paragraph belongs to that paragraph. The page's
first heading is its title section (no anchor: the top of the page). What the page marks
``data-search-exclude`` (change log, dedupe log, the concordance lines that repeat the reports'
text, charts, the citation block) is left out, as are scripts and styles.

Reading the exported Markdown rather than the records means every edition is indexed as it is
shown (the Traditional conversion, the English text or its Chinese fallback, hand-written
pages) without repeating how pages are made. Markdown is read only as far as these pages use
it: ATX headings with attribute lists, paragraphs, lists, tables, links, emphasis, code, block
quotes and admonition titles; raw HTML blocks are parsed as HTML.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import yaml

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_LIST_RE = re.compile(r"\s*\{:?\s*([^{}]*)\}\s*$")
ID_RE = re.compile(r"(?:^|\s)#([\w\-:.]+)")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
LIST_MARK_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ADMONITION_RE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:"(.*)")?\s*$')
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
REF_LINK_RE = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
EMPHASIS_RE = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
              "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
              "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
              "th", "thead", "tr", "ul"}
SKIP_TAGS = {"script", "style", "svg", "template", "noscript"}
INLINE_TAGS = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "label",
               "mark", "q", "ruby", "rp", "rt", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
               "var", "button", "caption", "colgroup", "col", "img", "br", "wbr", "input", "select", "option",
               "textarea", "iframe", "object", "video", "audio", "canvas", "picture", "source", "track", "map",
               "area", "meta", "link", "base", "embed", "math", "output", "progress", "meter"}
"""Tags followed as HTML; anything else in angle brackets (an autolink ``<https://…>``) is not."""
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(slots=True)
class Section:
    anchor: str
    """The element's id ('' for the title section: the top of the page)."""
    kind: str
    """``t`` the page title, ``h`` a heading, ``p`` anything else."""
    text: str = ""
    heading: str = ""
    """The text of the heading the section is under ('' under the title)."""
    skipped: bool = False
    """Whether content left out of search stood in it."""


@dataclass(slots=True)
class Document:
    url: str
    title: str
    sections: list[Section] = field(default_factory=list)


TITLE_RE = re.compile(r"^title:[ \t]*(.*)$", re.M)


def front_matter(markdown: str) -> tuple[str, str]:
    """(the front matter's title, the body) of a Markdown file."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end != -1:
            found = TITLE_RE.search(markdown, 4, end)
            title = ""
            if found:
                try:
                    title = str(yaml.safe_load(found.group(1)) or "")
                except yaml.YAMLError:
                    title = found.group(1)
            return title, markdown[end + 5:]
    return "", markdown


def document(url: str, markdown: str) -> Document:
    """The page's sections, in order, with their text on one line each."""
    title, body = front_matter(markdown)
    reader = _Reader()
    reader.read(body)
    sections = _without_empty_headings(reader.sections)
    title = html.unescape(title) or next((s.text for s in sections if s.kind == "t"), url)
    return Document(url, title, sections)


def _without_empty_headings(sections: list[Section]) -> list[Section]:
    """The sections with text; a heading over nothing but left-out content (a term page's
    per-report concordance, the citation block) goes too: nothing found by it is on the page."""
    out = []
    for i, section in enumerate(sections):
        if section.kind == "h" and i + 1 < len(sections):
            body = sections[i + 1]
            if body.kind == "p" and body.anchor == section.anchor and not body.text and body.skipped:
                continue
        if section.text or section.kind == "t":
            out.append(section)
    return out


def inline_markdown(text: str) -> str:
    """Text of an inline Markdown span: links and images by their text, no emphasis marks,
    code without backticks, backslash escapes resolved."""
    text = LINK_RE.sub(r"\1", text)
    text = REF_LINK_RE.sub(r"\1", text)
    text = text.replace("`", "")
    text = EMPHASIS_RE.sub("", text)
    return MD_ESCAPE_RE.sub(r"\1", text)


MARKUP_RE = re.compile(r"<!--|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
"""A comment's start or a tag (attribute values never hold ``>``: the builder escapes them)."""
ID_ATTR_RE = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
CLASS_ATTR_RE = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
EXCLUDE_ATTR_RE = re.compile(r"\sdata-search-exclude(?:[\s=]|$)")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
FOLLOWED = BLOCK_TAGS | INLINE_TAGS | SKIP_TAGS


def _attr(pattern: re.Pattern, attrs: str) -> str:
    found = pattern.search(attrs)
    return html.unescape(next(g for g in found.groups() if g is not None)) if found else ""


class _Reader:
    """Markdown line by line; raw HTML as a stream of tags and text (regular expressions, not a
    full HTML parser: the pages are written by this builder or by its editors)."""

    def __init__(self) -> None:
        self.sections: list[Section] = [Section("", "t")]
        self.heading = ""
        self.stack: list[tuple[str, bool]] = []  # open HTML elements: (tag, excluded)
        self.excluded = 0  # depth inside data-search-exclude / script / style elements
        self.comment = False
        self.parts: list[str] = []

    def read(self, body: str) -> None:
        fenced = False
        title_seen = False
        for line in body.split("\n"):
            if self.comment:
                end = line.find("-->")
                if end == -1:
                    continue
                self.comment = False
                line = line[end + 3:]
            elif FENCE_RE.match(line):
                fenced = not fenced
                self._text(" ")
                continue
            if fenced:
                self._text(line + " ")
                continue
            markdown = not self.stack
            if markdown:
                heading = HEADING_RE.match(line)
                if heading:
                    level = len(heading.group(1))
                    self._heading(heading.group(2), "t" if level == 1 and not title_seen else "h")
                    title_seen = True
                    continue
                if TABLE_RULE_RE.match(line):
                    continue
                admonition = ADMONITION_RE.match(line)
                if admonition:
                    self._text((admonition.group(1) or "") + " ")
                    continue
                line = LIST_MARK_RE.sub("", line)
                line = re.sub(r"^\s*>\s?", "", line)
                line = ATTR_LIST_RE.sub("", line) if line.rstrip().endswith("}") else line
                line = line.replace("|", " ") if line.lstrip().startswith("|") else line
            self._line(line + " ", markdown)
        self._flush()

    def _line(self, line: str, markdown: bool) -> None:
        if markdown and "`" in line:  # a code span is text, even when it shows a tag
            at = 0
            for m in CODE_SPAN_RE.finditer(line):
                self._line(line[at:m.start()], not self.stack)
                self._data(m.group(2), False)
                at = m.end()
            line = line[at:]
            markdown = not self.stack
        at = 0
        for m in MARKUP_RE.finditer(line):
            if m.start() < at:
                continue
            self._data(line[at:m.start()], markdown and not self.stack)
            if m.group(0) == "<!--":
                end = line.find("-->", m.end())
                if end == -1:
                    self.comment = True
                    return
                at = end + 3
                continue
            at = m.end()
            tag = m.group(2).lower()
            if tag not in FOLLOWED:
                self._data(m.group(0), False)
                continue
            if m.group(1):
                self._end(tag)
            else:
                self._start(tag, m.group(3))
                if m.group(3).rstrip().endswith("/") and tag not in VOID_TAGS:
                    self._end(tag)
        self._data(line[at:], markdown and not self.stack)

    def _heading(self, raw: str, kind: str) -> None:
        attrs = ATTR_LIST_RE.search(raw)
        anchor = ""
        excluded = False
        if attrs:
            raw = raw[:attrs.start()]
            found = ID_RE.search(attrs.group(1))
            anchor = found.group(1) if found else ""
            excluded = "data-search-exclude" in attrs.group(1)
        text = _one_line(html.unescape(inline_markdown(raw)))
        self._flush()
        if excluded:
            self.sections.append(Section(anchor, "x"))
            return
        if kind == "t":
            self.sections[0].text = text
            self.heading = ""
            return
        self.heading = text
        self.sections.append(Section(anchor or self._current().anchor, "h", text, ""))
        self.sections.append(Section(anchor or self._current().anchor, "p", "", text))

    def _start(self, tag: str, attrs: str) -> None:
        skip = (tag in SKIP_TAGS or bool(EXCLUDE_ATTR_RE.search(attrs))
                or "para-link" in _attr(CLASS_ATTR_RE, attrs).split())
        if tag not in VOID_TAGS:
            self.stack.append((tag, skip))
        if skip:
            self.excluded += 1
            self._current().skipped = True
            return
        if tag in BLOCK_TAGS or tag == "br":
            self._text(" ")
        anchor = _attr(ID_ATTR_RE, attrs) if tag in BLOCK_TAGS and not self.excluded else ""
        if anchor:
            self._flush()
            self.sections.append(Section(anchor, "h" if tag[0] == "h" and tag[1:].isdigit() else "p", "",
                                         self.heading))

    def _end(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, skip in self.stack[i:]:
                    self.excluded -= skip
                del self.stack[i:]
                break
        if tag in BLOCK_TAGS:
            self._text(" ")

    def _data(self, data: str, markdown: bool) -> None:
        if data and not self.excluded:
            self._text(html.unescape(inline_markdown(data) if markdown else data))

    # --- sections

    def _current(self) -> Section:
        return self.sections[-1]

    def _text(self, text: str) -> None:
        if not self.excluded:
            self.parts.append(text)

    def _flush(self) -> None:
        if self.parts:
            section = self._current()
            text = _one_line("".join(self.parts))
            if section.kind == "x":  # text after an excluded heading belongs to the section before
                section = next(s for s in reversed(self.sections) if s.kind != "x")
            if text:
                section.text = f"{section.text} {text}" if section.text else text
            self.parts = []


def _one_line(text: str) -> str:
    """Whitespace as one space."""
    return " ".join(text.split())
