"""The one sanitiser for staff-written rich text (portal/sanitise.py, decision 0008)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.sanitise import ALLOWED_TAGS, clean, from_plain_text

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<p style="position:fixed;top:0">x</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<!--<script>alert(1)</script>-->",
    '<form action="https://evil.example"><input name="code"></form>',
    '<p class="govuk-visually-hidden" id="main-content" lang="xx" dir="rtl">x</p>',
    "<scr<script>ipt>alert(1)</script>",
    '<strong onmouseover="alert(1)">x</strong>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_clean_leaves_only_the_allowed_tags_without_attributes(attack):
    cleaned = str(clean(attack))
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", cleaned))
    assert tags <= ALLOWED_TAGS, cleaned
    attributes = re.findall(r"<[a-z]+(\s[^>]*)?>", cleaned)
    allowed_classes = {' class="govuk-body"', ' class="govuk-list govuk-list--bullet"',
                       ' class="govuk-list govuk-list--number"', ""}
    assert set(attributes) <= allowed_classes, cleaned
    assert "javascript:" not in cleaned and "alert(1)</" not in cleaned


def test_clean_keeps_paragraphs_lists_and_emphasis():
    html = "<p>One<br>two</p><ul><li><strong>a</strong></li></ul><ol><li><em>b</em></li></ol>"
    assert str(clean(html)) == ('<p class="govuk-body">One<br>two</p><ul class="govuk-list govuk-list--bullet">'
                                '<li><strong>a</strong></li></ul><ol class="govuk-list govuk-list--number">'
                                "<li><em>b</em></li></ol>")


def test_plain_text_becomes_paragraphs_lists_and_bold():
    text = "Dear Sam,\r\n\r\nWe looked at:\n- contact\n- money\n  that stopped\n\n1. first\n2) second\n\n**Sorry** **"
    assert str(from_plain_text(text)) == (
        '<p class="govuk-body">Dear Sam,</p>'
        '<p class="govuk-body">We looked at:</p>'
        '<ul class="govuk-list govuk-list--bullet"><li>contact</li><li>money<br>that stopped</li></ul>'
        '<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>'
        '<p class="govuk-body"><strong>Sorry</strong> **</p>'
    )


def test_html_typed_into_a_letter_is_shown_as_typed_never_run():
    html = str(from_plain_text('<b onclick="x()">hi</b> & <script>alert(1)</script>'))
    assert html == ('<p class="govuk-body">&lt;b onclick="x()"&gt;hi&lt;/b&gt; &amp; '
                    "&lt;script&gt;alert(1)&lt;/script&gt;</p>")


def test_arabic_and_emoji_pass_through():
    text = "عزيزي سامي،\n\n- شكراً 🙏"
    assert str(from_plain_text(text)) == ('<p class="govuk-body">عزيزي سامي،</p>'
                                          '<ul class="govuk-list govuk-list--bullet"><li>شكراً 🙏</li></ul>')


@given(st.text(alphabet=st.sampled_from(list("<>/\"'=&;: -*\n1.abpscriptonerrorstyle")), max_size=200))
def test_anything_typed_gives_only_allowed_tags(text):
    for html in (str(from_plain_text(text)), str(clean(text))):
        assert set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html)) <= ALLOWED_TAGS
        assert not re.search(r"<[a-z]+\s+(?!class=)", html)
