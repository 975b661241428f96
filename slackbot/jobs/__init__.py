"""Scheduled jobs: APScheduler 3 with a database job store, run by the one worker holding the lease."""
