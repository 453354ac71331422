"""Programmes: the intake wizard, the verdict, the dated programme and the exercise pages.

It also keeps the records a programme is replayed from: intake versions and the
append-only event log."""
