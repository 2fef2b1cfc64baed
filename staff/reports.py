"""The annual report in the staff area: every table with its chart, figures, commentary and counting
rule; published (suppressed) and internal (exact) views; CSV and XLSX downloads; publishing; the case
export; and the monthly performance view for managers. Views are thin: figures come from portal.reports."""

from __future__ import annotations

import io
from datetime import date

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.audit import note_read
from portal.casework import import_format
from portal.db import db
from portal.permissions import REPORTS_PUBLISH, REPORTS_VIEW, has_permission, requires
from portal.procedure import uk_today
from portal.reports import charts, exports, performance, publishing
from portal.reports.common import FinancialYear
from portal.reports.presentation import tables
from staff.blueprint import bp

FIRST_YEAR = 2010  # the calendar table starts in 2010


def _year(year: int | None = None) -> FinancialYear:
    """The financial year named by ``?year=`` (years are not ids: the URL's path holds none)."""
    if year is None:
        year = request.values.get("year", type=int)
    if year is None or not FIRST_YEAR <= year <= FinancialYear.containing(uk_today()).first:
        abort(404)
    return FinancialYear(year)


def _apart() -> bool:
    return bool(current_app.config["REPORT_YEARS_APART"])


def _internal() -> bool:
    return request.args.get("view") == "internal"


@bp.get("/reports/")
@requires(REPORTS_VIEW)
def reports() -> str:
    current = FinancialYear.containing(uk_today())
    years = [FinancialYear(y) for y in range(current.first, FIRST_YEAR - 1, -1)]
    chosen = request.args.get("year", type=int)
    if chosen is not None:
        return redirect(url_for("staff.annual_report", year=_year(chosen).first))
    if "year" in request.args:
        abort(404)
    published = {row.year for row in publishing.published_years(db.session.connection())}
    return render_template("staff/reports/index.html", years=years, current=current, published=published)


@bp.get("/reports/annual")
@requires(REPORTS_VIEW)
def annual_report() -> str:
    fy = _year()
    report = publishing.report_for(db.session.connection(), fy.first, apart=_apart())
    internal = _internal()
    views = tables(report["figures"], published=not internal)
    chart_for = {}
    for table in views:
        chart_for[table.key] = charts.bar_chart(table, f"chart-{table.key}")
        for extra in table.extra:
            chart_for[extra.key] = charts.bar_chart(extra, f"chart-{extra.key}")
    return render_template("staff/reports/annual.html", fy=fy, report=report, views=views, charts=chart_for,
                           internal=internal, may_publish=has_permission(current_user, REPORTS_PUBLISH)
                           and not report["published"] and fy.end < uk_today())


@bp.get("/reports/annual.csv")
@requires(REPORTS_VIEW)
def annual_report_csv() -> Response:
    fy = _year()
    key = request.args.get("table", "")
    report = publishing.report_for(db.session.connection(), fy.first, apart=_apart())
    files = exports.csv_files(report, internal=_internal())
    text = files.get(f"{key}.csv")
    if text is None:
        abort(404)
    suffix = "-internal" if _internal() else ""
    note_read("export", detail=f"annual-report-{fy.label}-{key}{suffix}.csv")
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="annual-report-{fy.label}-{key}{suffix}.csv"'})


@bp.get("/reports/annual.xlsx")
@requires(REPORTS_VIEW)
def annual_report_xlsx() -> Response:
    fy = _year()
    report = publishing.report_for(db.session.connection(), fy.first, apart=_apart())
    suffix = "-internal" if _internal() else ""
    note_read("export", detail=f"annual-report-{fy.label}{suffix}.xlsx")
    return Response(exports.xlsx_bytes(report, internal=_internal()),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="annual-report-{fy.label}{suffix}.xlsx"'})


@bp.post("/reports/annual/publish")
@requires(REPORTS_PUBLISH)
def publish_annual_report() -> Response:
    fy = _year()
    try:
        publishing.publish(db.session, fy.first, actor=current_user)
    except (publishing.AlreadyPublished, publishing.YearNotEnded) as error:
        flash(str(error), "error")
        return redirect(url_for("staff.annual_report", year=fy.first))
    db.session.commit()
    flash(f"The {fy.label} report is published. Later corrections to records will not change it.", "success")
    return redirect(url_for("staff.annual_report", year=fy.first))


@bp.get("/reports/cases.csv")
@requires(REPORTS_VIEW)
def cases_export() -> Response:
    """Every case in the import format (IMPORT.md), for a council's own analysis or a move."""
    out = io.StringIO()
    import_format.write_csv(import_format.export_rows(db.session.connection()), out)
    note_read("export", detail="cases.csv (every case)")
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="cases-{uk_today().isoformat()}.csv"'})


@bp.get("/reports/performance")
@requires(REPORTS_VIEW)
def performance_report() -> str:
    today = uk_today()
    month = request.args.get("month", "")
    try:
        first = date.fromisoformat(f"{month}-01") if month else today.replace(day=1)
    except ValueError:
        first = None
    error = None
    if first is None or first > today or first.year < FIRST_YEAR:
        error = "Enter a month from 2010 up to this month, as YYYY-MM, for example 2026-11."
        first = today.replace(day=1)
    figures = performance.monthly(db.session.connection(), first, today)
    return render_template("staff/reports/performance.html", figures=figures, month=first, month_typed=month,
                           error=error, today=today)
