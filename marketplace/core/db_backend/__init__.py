"""Django's PostgreSQL backend with savepoints sent when they matter (see base.py)."""
