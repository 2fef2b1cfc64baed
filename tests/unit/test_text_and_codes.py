"""Digits in any script, months as words, and the shorter tracking codes (decision 0009)."""

from __future__ import annotations

import math

import pytest

from portal.intake import codes
from portal.text import month_number, western_digits


@pytest.mark.parametrize(("typed", "read"), [
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("۰۱۲۳۴۵۶۷۸۹", "0123456789"), ("07700 ٩٠٠ ۹۸۲", "07700 900 982"),
    ("abc", "abc"),
])
def test_arabic_and_persian_digits_are_read_as_0_to_9(typed, read):
    assert western_digits(typed) == read


@pytest.mark.parametrize(("typed", "number"), [
    ("March", "3"), ("mar", "3"), ("MAR.", "3"), (" september ", "9"), ("Sept", "9"), ("dec", "12"),
    ("مارس", "3"), ("آذار", "3"), ("اذار", "3"), ("يناير", "1"), ("كانون الثاني", "1"), ("تشرين الأول", "10"),
    ("أغسطس", "8"), ("ديسمبر", "12"), ("٣", "3"), ("۱۲", "12"), ("4", "4"),
])
def test_a_month_typed_as_a_word_is_its_number(typed, number):
    assert month_number(typed) == number


def test_something_that_is_not_a_month_is_left_for_the_form_to_refuse():
    assert month_number("Marchh") == "Marchh" and month_number("") == ""


def test_new_codes_are_twelve_random_digits_with_about_40_bits():
    code = codes.new_tracking_code()
    plain = codes.normalise(code)
    assert len(plain) == 12 and plain.isdigit() and code.count("-") == 2
    assert 39.8 < codes.TRACKING_CODE_LENGTH * math.log2(10) < 40


@pytest.mark.parametrize(("typed", "shaped"), [
    ("4821 0937 5516", True), ("482109375516", True), ("٤٨٢١ ٠٩٣٧ ٥٥١٦", True), ("K7Q2-M9XP-4HTW-ZB3C", True),
    ("4821 0937 551", False), ("4821 0937 551X", False), ("K7Q2-M9XP", False), ("", False),
])
def test_both_code_formats_are_recognised(typed, shaped):
    assert codes.is_code_shaped(typed) is shaped


def test_old_and_new_codes_hash_as_they_always_did():
    key = "k"
    assert codes.hash_tracking_code("k7q2 m9xp 4htw zb3c", key) == codes.hash_tracking_code("K7Q2-M9XP-4HTW-ZB3C", key)
    assert codes.hash_tracking_code("٤٨٢١-٠٩٣٧-٥٥١٦", key) == codes.hash_tracking_code("482109375516", key)
