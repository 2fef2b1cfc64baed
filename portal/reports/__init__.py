"""The statutory annual report, its exports and the monthly performance view (REPORT.md)."""
