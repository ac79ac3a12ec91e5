"""Settings are split by environment: base, dev (the manage.py default), test, production."""
