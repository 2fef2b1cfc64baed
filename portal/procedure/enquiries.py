"""MP and County Councillor enquiries: when one is due, and whether it concerns someone already known.

Pure rules, no Flask and no database. The due date is on the council's own timescale (a setting, in
working days counted from the day received, which is day 0), not a statutory one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

from portal.procedure.calendar import add_working_days

DEFAULT_WORKING_DAYS = 10


class Match(StrEnum):
    """How sure a link to a known person is: both name and date of birth agree, or only the name
    (one side has no date of birth), so staff check before relying on it."""

    NAME_AND_BIRTH = "name_and_birth"
    NAME_ONLY = "name_only"


def enquiry_due(received: date, working_days: int = DEFAULT_WORKING_DAYS) -> date:
    """The response is due ``working_days`` working days after the day the enquiry was received."""
    if working_days < 1:
        raise ValueError("An enquiry's timescale is at least one working day.")
    return add_working_days(received, working_days)


def normalise_name(name: str | None) -> str:
    """A name as compared: accents, case, punctuation and spacing ignored ("O'Neil,  Zoë" = "oneil zoe")."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    letters = re.sub(r"[^\w\s]", "", letters.casefold())
    return " ".join(letters.split())


def person_match(name: str, birth: date | None, known_name: str | None, known_birth: date | None) -> Match | None:
    """Whether a name (and date of birth) in an enquiry is a person the service already records."""
    wanted = normalise_name(name)
    if not wanted or wanted != normalise_name(known_name):
        return None
    if birth is None or known_birth is None:
        return Match.NAME_ONLY
    return Match.NAME_AND_BIRTH if birth == known_birth else None


def search_token(name: str) -> str:
    """The longest word of a normalised name: what the database is asked for before ``person_match``."""
    words = normalise_name(name).split()
    return max(words, key=len) if words else ""
