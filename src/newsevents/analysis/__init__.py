"""Analytics over the store: dyad series, escalation alerts, plots (docs/store.md)."""
