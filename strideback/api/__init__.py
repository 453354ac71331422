"""The public JSON API at /api/v1/: bearer tokens or the web session, the same services as
the pages, JSON errors that say what is wrong and what is allowed."""
