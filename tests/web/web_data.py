"""Constants the web tests share (imported by name: `from conftest import ...` picks whichever conftest module
was imported first when several test folders run together)."""
from __future__ import annotations

import datetime as dt

INJECTION = "'; DROP TABLE events; --"
AS_OF = dt.date(2024, 6, 30)
