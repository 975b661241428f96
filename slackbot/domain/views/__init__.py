"""Read models: the frozen views services return and renderers draw (stdlib only, no ORM rows)."""
