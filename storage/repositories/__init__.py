"""Repositories, one module per feature: every query lives here, written with select()/update()/insert()."""
