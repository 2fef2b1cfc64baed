"""The report's figures as tables people read: plain words for keys, this year beside last, small
numbers suppressed in the published view, a sentence of commentary, and the counting rule.

Every output that shows the report (screen, print, CSV, XLSX) goes through :func:`tables`, so they all
show the same cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.reports.annual import TABLES, Table
from portal.reports.suppression import suppress_rows

WORDS = {
    # outcomes, advocacy, genders, service types, escalation answers, learning
    "upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld",
    "not_applicable": "Not applicable (including withdrawn)", "unknown": "Unknown (no outcome recorded)",
    "independent": "Independent advocate", "crs": "Children's Rights Service advocate",
    "own_choice": "Advocate of their own choice", "none": "None", "not_assigned": "Not assigned yet",
    "informal_resolution": "Resolved informally", "formal_complaint": "Formal complaint made",
    "withdrawn": "Withdrawn", "young_person": "From young people", "staff": "From staff",
    "female": "Female", "male": "Male", "other": "Other", "not_known": "Not known",
    "looked_after": "Looked after child", "care_leaver": "Care leaver", "child_in_need": "Child in need",
    "child_protection": "Child protection", "referral_hub": "Referral and assessment hub",
    "residential": "Residential", "adoption": "Adoption",
    "investigation": "Investigation", "management_review": "Management review", "mediation": "Mediation",
    "not_progressed": "Not progressed", "referred_back": "Referred back to the service",
    "awaiting": "Awaiting a decision", "requests": "Stage 2 requests", "stage3": "Stage 3 requests",
    "with_actions": "Corrective actions identified", "explicitly_none": "Explicitly none",
    "not_recorded": "Not recorded",
    "18+": "18 and over",
    # ethnicity (Department for Education codes)
    "WBRI": "White British", "WIRI": "White Irish", "WIRT": "Traveller of Irish heritage",
    "WOTH": "Any other White background", "WROM": "Gypsy or Roma", "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African", "MWAS": "White and Asian", "MOTH": "Any other mixed background",
    "AIND": "Indian", "APKN": "Pakistani", "ABAN": "Bangladeshi", "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean", "BAFR": "Black African", "BOTH": "Any other Black background",
    "CHNE": "Chinese", "OOTH": "Any other ethnic group", "REFU": "Refused", "NOBT": "Information not obtained",
}


def word(key: str) -> str:
    return WORDS.get(key, key)


@dataclass
class Row:
    label: str
    values: list[float | int | None]
    cells: list[str]
    chartable: bool = True


@dataclass
class View:
    key: str
    title: str
    rule: str
    columns: list[str]
    rows: list[Row]
    commentary: str
    suppressed: bool = False
    percent: bool = False  # the chart's values are shares
    extra: list[View] = field(default_factory=list)


def _pct(value: float | None) -> str:
    return "no responses" if value is None else f"{round(value * 100)}%"


def _days(value: float | None) -> str:
    return "no responses" if value is None else f"{value:.1f}"


def change(this: int | float, last: int | float, unit: str = "") -> str:
    """"increased by 12", "decreased by 3", "unchanged"."""
    difference = this - last
    if isinstance(difference, float):
        difference = round(difference, 1)
    if not difference:
        return "unchanged"
    return f"{'increased' if difference > 0 else 'decreased'} by {abs(difference):g}{unit}"


def _count_rows(pairs: list[tuple[str, int, int]], suppress: bool) -> list[Row]:
    hidden = suppress_rows([[this, last] for _label, this, last in pairs]) if suppress else \
        [[None, None] for _ in pairs]
    return [Row(label, [this, last], [hide[0] or str(this), hide[1] or str(last)])
            for (label, this, last), hide in zip(pairs, hidden, strict=True)]


def _list_commentary(table: Table, rows: list[dict[str, Any]], published: bool) -> str:
    this = sum(row["this_year"] for row in rows)
    last = sum(row["last_year"] for row in rows)
    text = f"{this} in all this year, {change(this, last)} from {last} last year."
    if rows and rows[0]["this_year"] and not (published and table.suppress and rows[0]["this_year"] < 5):
        text += f" The largest: {word(rows[0]['label'])} ({rows[0]['this_year']})."
    return text


def view(table: Table, figures: Any, published: bool) -> View:
    suppress = published and table.suppress
    this_last = ["This year", "Last year"]
    if table.shape == "pair":
        this, last = figures["this_year"], figures["last_year"]
        label = table.title.split(": ")[-1]
        rows = _count_rows([(label[:1].upper() + label[1:], this, last)], suppress)
        commentary = f"{this} this year, {change(this, last)} from {last} last year."
        if suppress and (rows[0].cells[0] != str(this) or rows[0].cells[1] != str(last)):
            commentary = "Fewer than 5 in a year are not shown, so that no child can be identified."
        return View(table.key, table.title, table.rule, this_last, rows, commentary, suppress)
    if table.shape == "list":
        rows = _count_rows([(word(r["label"]), r["this_year"], r["last_year"]) for r in figures], suppress)
        return View(table.key, table.title, table.rule, this_last, rows,
                    _list_commentary(table, figures, published), suppress)
    if table.shape == "timeliness":
        out = []
        for part, name in (("all", "All complaints"), ("young_people", "Young people's complaints")):
            now, then = figures[part], figures["last_year"][part]
            out += [
                Row(f"{name}: responded", [now["responded"], then["responded"]],
                    [str(now["responded"]), str(then["responded"])], chartable=False),
                Row(f"{name}: within 10 working days", [now["within_10"], then["within_10"]],
                    [_pct(now["within_10"]), _pct(then["within_10"])]),
                Row(f"{name}: within 20 working days", [now["within_20"], then["within_20"]],
                    [_pct(now["within_20"]), _pct(then["within_20"])]),
                Row(f"{name}: average working days", [now["average_days"], then["average_days"]],
                    [_days(now["average_days"]), _days(then["average_days"])], chartable=False),
            ]
        now, then = figures["all"], figures["last_year"]["all"]
        if now["within_10"] is None or then["within_10"] is None:
            commentary = f"{now['responded']} complaints responded to at stage 1 this year."
        else:
            commentary = (f"{_pct(now['within_10'])} within 10 working days this year "
                          f"({change(round(now['within_10'] * 100), round(then['within_10'] * 100), ' points')} "
                          f"from {_pct(then['within_10'])}); {_pct(now['within_20'])} within 20; "
                          f"{_days(now['average_days'])} working days on average.")
        return View(table.key, table.title, table.rule, this_last, out, commentary, percent=True)
    if table.shape == "escalation":
        keys = ["requests", "investigation", "management_review", "mediation", "not_progressed", "referred_back",
                "awaiting", "stage3"]
        rows = _count_rows([(word(k), figures["this_year"][k], figures["last_year"][k]) for k in keys], False)
        this, last = figures["this_year"]["requests"], figures["last_year"]["requests"]
        return View(table.key, table.title, table.rule, this_last, rows,
                    f"{this} stage 2 requests this year, {change(this, last)} from {last} last year; "
                    f"{figures['this_year']['stage3']} stage 3 requests.")
    if table.shape == "ombudsman":
        rows = [Row(y["year"], [y["enquiries"], y["investigations"], y["public_reports"]],
                    [str(y["enquiries"]), str(y["investigations"]), str(y["public_reports"])]) for y in figures]
        this, last = figures[-1]["enquiries"], figures[-2]["enquiries"]
        return View(table.key, table.title, table.rule, ["Enquiries", "Investigations", "Public reports"], rows,
                    f"{this} enquiries this year, {change(this, last)} from {last} last year; "
                    f"{figures[-1]['investigations']} investigations and {figures[-1]['public_reports']} "
                    "public reports.")
    if table.shape == "actions":
        keys = ["with_actions", "explicitly_none", "not_recorded"]
        rows = _count_rows([(word(k), figures["this_year"][k], figures["last_year"][k]) for k in keys], False)
        last_types = {r["label"]: r["count"] for r in figures["last_year"]["action_types"]}
        this_types = {r["label"]: r["count"] for r in figures["this_year"]["action_types"]}
        labels = sorted(set(this_types) | set(last_types), key=lambda x: (-this_types.get(x, 0), x))
        types = _count_rows([(x, this_types.get(x, 0), last_types.get(x, 0)) for x in labels], False)
        this, last = figures["this_year"]["with_actions"], figures["last_year"]["with_actions"]
        extra = View(table.key + "_types", "Action types at stage 2 and beyond (complaints with each)",
                     table.rule, this_last, types,
                     f"The most common: {labels[0]} ({this_types.get(labels[0], 0)})." if labels else
                     "No actions at stage 2 and beyond were recorded.")
        return View(table.key, table.title, table.rule, this_last, rows,
                    f"{this} complaints with corrective actions at stage 1, {change(this, last)} from {last} "
                    "last year.", extra=[extra])
    # enquiries
    rows = [Row(m["month"], [m["count"]], [str(m["count"])]) for m in figures["by_month"]]
    last_total = figures.get("last_year_total", 0)
    return View(table.key, table.title, table.rule, ["Enquiries"], rows,
                f"{figures['total']} enquiries this year, {change(figures['total'], last_total)} from {last_total} "
                f"last year; {figures['known_complainants']} concern families already known as complainants.")


def tables(figures: dict[str, Any], *, published: bool) -> list[View]:
    return [view(table, figures["tables"][table.key], published) for table in TABLES]
