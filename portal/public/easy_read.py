"""Easy read: a start page and all three journeys (a complaint, wishes and feelings, asking for an
advocate) for younger children and children with learning disabilities. Short sentences, one thing per
page, a simple picture beside each question.

The journey is the ordinary one (the same answers, checks and storage); a flag in the session, set
when it is started from the easy-read page, makes each step show its picture and short sentence and
leave out what is optional. Starting from the ordinary start page clears it.
"""

from __future__ import annotations

from flask import request, session
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal.permissions import public
from portal.public import page_cache
from portal.public.blueprint import bp

EASY_READ = "easy_read"
EASY_READ_KINDS = ("complaint", "wishes_and_feelings", "advocacy_request")

# Each step's picture (static/src/images/easy-read/) and its short sentence. The picture's text
# alternative says what it shows; the sentence says what to do.
STEP_PICTURES: dict[str, tuple[str, object, object]] = {
    "who": ("person.svg", _l("A drawing of a person."), _l("Tell us who you are.")),
    "you": ("helper.svg", _l("A drawing of two people side by side."), _l("Tell us about you.")),
    "name": ("person.svg", _l("A drawing of a person."), _l("Tell us your name.")),
    "age": ("cake.svg", _l("A drawing of a birthday cake."), _l("Tell us how old you are.")),
    "where": ("house.svg", _l("A drawing of a house."), _l("Tell us where you live.")),
    "details": ("talk.svg", _l("A drawing of a young person talking."),
                _l("Tell us what went wrong. Use your own words.")),
    "hopes": ("feelings.svg", _l("A drawing of a smiling face."), _l("Tell us what would make it better.")),
    "advocate": ("helper.svg", _l("A drawing of two people side by side."),
                 _l("An advocate is someone on your side. They can help you.")),
    "help": ("talk.svg", _l("A drawing of a young person talking."), _l("Tell us what you want help with.")),
    "wishes": ("feelings.svg", _l("A drawing of a smiling face."), _l("Tell us how you feel. Use your own words.")),
    "advocate-choice": ("helper.svg", _l("A drawing of two people side by side."),
                        _l("An advocate is someone on your side.")),
    "contact": ("phone.svg", _l("A drawing of a phone."), _l("Tell us how to talk to you.")),
    "contact-safety": ("safe.svg", _l("A drawing of a shield with a tick."), _l("Tell us how to keep you safe.")),
    "interpreter": ("languages.svg", _l("A drawing of two speech bubbles."),
                    _l("We can get someone who speaks your language.")),
    "about-you": ("person.svg", _l("A drawing of a person."), _l("You do not have to answer this.")),
    "check": ("tick.svg", _l("A drawing of a tick."), _l("Look at your answers. Then send them.")),
}


@bp.get("/easy-read")
@public
def easy_read() -> Response | str:
    return page_cache.page("public/easy_read.html")


@bp.before_app_request
def _remember_easy_read() -> None:
    """The start step's POST says whether this journey is the easy-read one (a hidden field)."""
    if request.method == "POST" and request.endpoint == "public.step" and \
            (request.view_args or {}).get("slug") == "start":
        session[EASY_READ] = request.form.get(EASY_READ) == "1" and request.form.get("kind") in EASY_READ_KINDS


def chosen() -> bool:
    """Whether this visitor's journey is the easy-read one."""
    return bool(session.get(EASY_READ))


@bp.context_processor
def _easy_read_context() -> dict[str, object]:
    return {"easy_read": chosen(), "easy_read_pictures": STEP_PICTURES}
