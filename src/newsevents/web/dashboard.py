"""The dashboard's routes: the page at `/`, plotly.js from the installed `plotly` package at a versioned URL,
and the static files (`static/`); nothing is fetched from the internet, and the page's Content-Security-Policy
forbids it."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from newsevents import __version__
from newsevents.web.middleware import CONTENT_SECURITY_POLICY

STATIC_DIR = Path(str(resources.files("newsevents.web") / "static"))


def plotly_file() -> tuple[str, Path] | None:
    """(version, path) of plotly.min.js inside the installed `plotly` package, or None without it."""
    try:
        import plotly
    except ImportError:
        return None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        return None
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", fh.read(512))
    return (found.group(1) if found else plotly.__version__), path


def dashboard_routes(app: FastAPI) -> None:
    plotly = app.state.plotly
    plotly_url = f"/vendor/plotly-{plotly[0]}.min.js" if plotly else ""
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{VERSION}}", __version__).replace("{{PLOTLY_URL}}", plotly_url)

    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY,
                                           "Cache-Control": "no-cache"})

    if plotly:
        @app.get(plotly_url, include_in_schema=False)
        def plotly_js() -> FileResponse:
            return FileResponse(plotly[1], media_type="text/javascript",
                                headers={"Cache-Control": "public, max-age=31536000, immutable"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
