"""The HTTP API and the dashboard over the event store (`newsevents serve`; docs/web.md)."""
