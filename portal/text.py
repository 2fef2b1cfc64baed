"""Text as people type it: one rule for every form, public or staff."""

from __future__ import annotations

import re
from typing import Any

# Control characters (other than tab and line feed) and Unicode noncharacters: nobody types them on
# purpose; echoed back into a page they make it invalid HTML, and PostgreSQL refuses a NUL in text.
UNTYPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def lf(value: Any) -> Any:
    """CRLF (and a lone CR) to LF, so one line break is one character as the on-screen count says;
    untypable control characters dropped. Anything but a string passes through."""
    if isinstance(value, str):
        return UNTYPABLE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


# Arabic-Indic (U+0660..) and Extended Arabic-Indic, i.e. Persian, Dari and Urdu (U+06F0..), digits.
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


class TypedTextMeta:
    """A form's ``Meta`` base: everything posted loses untypable control characters (a NUL byte made
    PostgreSQL answer 500, and echoed back into a page it is invalid HTML) and has CRLF as LF, before
    any field sees it. Files pass through. Every form of the portal uses it (``class Meta(TypedTextMeta)``)."""

    def wrap_formdata(self, form: Any, formdata: Any) -> Any:
        from werkzeug.datastructures import MultiDict

        data = super().wrap_formdata(form, formdata)  # type: ignore[misc]
        if data is None:
            return None
        return MultiDict([(key, lf(value)) for key, value in data.items(multi=True)])


def western_digits(value: Any) -> Any:
    """Digits typed in Arabic or Persian form (٠١٢ / ۰۱۲) as 0-9, so a date, an age or a phone number
    is read and stored the same whichever keyboard typed it. Anything but a string passes through."""
    if isinstance(value, str):
        return value.translate(_WESTERN_DIGITS)
    return value


# Month names as people type them: English (full or the first three letters, any case), Arabic as
# used in Egypt and the Gulf, and the Levantine and Iraqi names. Keys are compared without spaces,
# the definite article or the hamza forms of alif, which people write in different ways.
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
_MONTHS_AR = [
    ["يناير", "كانونالثاني"], ["فبراير", "شباط"], ["مارس", "آذار", "اذار"], ["أبريل", "ابريل", "إبريل", "نيسان"],
    ["مايو", "أيار", "ايار"], ["يونيو", "يونيه", "حزيران"], ["يوليو", "يوليه", "تموز"], ["أغسطس", "اغسطس", "آب", "اب"],
    ["سبتمبر", "أيلول", "ايلول"], ["أكتوبر", "اكتوبر", "تشرينالأول", "تشريناول"],
    ["نوفمبر", "تشرينالثاني"], ["ديسمبر", "كانونالأول", "كانوناول"],
]


def _month_key(text: str) -> str:
    key = "".join(text.split()).lower().replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    return key.rstrip(".")


_MONTH_NAMES: dict[str, int] = {}
for _number, _name in enumerate(_MONTHS_EN, start=1):
    _MONTH_NAMES[_name] = _MONTH_NAMES[_name[:3]] = _number
_MONTH_NAMES["sept"] = 9
for _number, _names in enumerate(_MONTHS_AR, start=1):
    for _name in _names:
        _MONTH_NAMES[_month_key(_name)] = _number


def month_number(value: Any) -> Any:
    """A month typed as a word ("March", "mar", "مارس", "آذار") as its number ("3"); digits in any
    script as 0-9; anything else unchanged (the form then says it is not a real month)."""
    if not isinstance(value, str):
        return value
    typed = western_digits(value).strip()
    number = _MONTH_NAMES.get(_month_key(typed))
    return str(number) if number else typed


# A text cell that starts with one of these is read as a formula (or, after a tab or a carriage
# return, turned into one) by Excel, LibreOffice or Google Sheets: = + - @, their full-width forms,
# tab and carriage return. (OWASP, "CSV injection".)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value: Any) -> Any:
    """A value as it goes into any CSV or XLSX the portal writes: a number stays a number; a date is
    its ISO text; None is empty; text that a spreadsheet would take for a formula gets a leading
    apostrophe, so it is shown as the text it is and never run. Every export uses this one function."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, int | float):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = UNTYPABLE.sub("", str(value))  # a control character also makes an XLSX file unreadable
    return "'" + text if text.startswith(FORMULA_START) else text


def from_spreadsheet_cell(text: str) -> str:
    """A cell read back from a file the portal wrote: the apostrophe ``spreadsheet_cell`` added is
    dropped, so an export imports back as the same text."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def accepted_date_error(day: Any) -> str | None:
    """The words for a date outside the range every date the portal accepts lies in, or None. In English:
    only the staff and advocacy areas take dates typed as dates (a young person's date of birth has its
    own fields and rules, all inside the range)."""
    from portal.procedure import accepted_dates, uk_today

    if day is None:
        return None
    first, last = accepted_dates(uk_today())
    if first <= day <= last:
        return None
    return f"Enter a date from {first.day} {first:%B %Y} to {last.day} {last:%B %Y}."


def accepted_date_field(*args: Any, **kwargs: Any) -> Any:
    """A WTForms ``DateField`` that refuses, on the field, a date outside the accepted range (1 January
    2000 to ten years ahead: ``portal.procedure.accepted_dates``). Every date field of the portal is one."""
    from wtforms import DateField

    class AcceptedDateField(DateField):
        def post_validate(self, form: Any, validation_stopped: bool) -> None:
            error = None if validation_stopped or self.errors else accepted_date_error(self.data)
            if error:
                self.errors.append(error)

    return AcceptedDateField(*args, **kwargs)


class FewDigits:
    """A WTForms validator for a whole number of at most ``digits`` digits: anything longer is refused
    on the field before it is compared (400 nines overflowed the float a range check converts to)."""

    def __init__(self, digits: int, message: Any) -> None:
        self.digits, self.message = digits, message

    def __call__(self, form: Any, field: Any) -> None:
        from wtforms.validators import StopValidation

        raw = (field.raw_data or [""])[0] if field.raw_data else ""
        if len(str(raw).strip().lstrip("+-")) > self.digits:
            field.errors[:] = []
            raise StopValidation(str(self.message))
