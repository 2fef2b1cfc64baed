"""Staff-written rich text: the one place HTML from a person is cleaned (decision 0008).

Everything else the portal shows is autoescaped by Jinja. Letters are the exception: staff write a
response with paragraphs, lists and emphasis, and the HTML made from it is shown to young people.
Every such fragment goes through :func:`clean` when it is stored *and* when it is shown, so a row
written some other way (an import, a database console) still cannot put script, styles (the CSP
forbids inline styles) or links on a young person's page.

Staff type plain text with a few conventions (:func:`from_plain_text`), which works in a textarea
with JavaScript off and on a phone: a blank line starts a new paragraph, lines starting with "- "
make a bulleted list, lines starting with "1. " make a numbered list, and ``**words**`` are bold.
Anything that looks like HTML in what they type is shown as typed, never interpreted.
"""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup, escape

# The only elements a letter may contain; no attributes at all (so no style, no on* handlers, no
# links), apart from the GOV.UK classes added below.
ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "br"})

# GOV.UK typography without inline styles: the cleaner sets these classes itself, replacing any
# class the input had.
_CLASSES = {
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
}


def clean(html: str | None) -> Markup:
    """The fragment with only ``ALLOWED_TAGS`` left, safe to put in a page as it is.

    Disallowed tags are dropped and their text kept, except script and style, whose content goes too.
    """
    cleaned = nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        # No attributes on any tag: "*" must be given, or nh3 keeps lang and title everywhere.
        attributes={"*": set()},
        set_tag_attribute_values={tag: dict(values) for tag, values in _CLASSES.items()},
        clean_content_tags={"script", "style"},
        strip_comments=True,
        link_rel=None,
    )
    return Markup(cleaned)  # noqa: S704 - nh3 has just removed everything but ALLOWED_TAGS


_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def _inline(line: str) -> str:
    """One line's text, escaped, with ``**bold**`` as <strong>."""
    return _BOLD.sub(r"<strong>\1</strong>", str(escape(line.strip())))


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _block_html(block: list[str]) -> str:
    """One block (lines between blank lines): a paragraph whose lines are kept as line breaks, and
    lists; an indented line after a list item carries that item on."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    kind = ""

    def close_list() -> None:
        if items:
            out.append(f"<{kind}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{kind}>")
            items.clear()

    def close_paragraph() -> None:
        if paragraph:
            out.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    for line in block:
        marker = "ul" if _BULLET.match(line) else "ol" if _NUMBER.match(line) else ""
        if marker:
            close_paragraph()
            if marker != kind:
                close_list()
            kind = marker
            items.append(_inline((_BULLET if marker == "ul" else _NUMBER).sub("", line, count=1)))
        elif items and line[:1] in (" ", "\t"):
            items[-1] += "<br>" + _inline(line)
        else:
            close_list()
            paragraph.append(_inline(line))
    close_paragraph()
    close_list()
    return "".join(out)


def from_plain_text(text: str) -> Markup:
    """The letter as staff typed it, as clean HTML: paragraphs, lists and bold (see the module)."""
    return clean("".join(_block_html(block) for block in _blocks(text)))
