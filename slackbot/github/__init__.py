"""GitHub pull request sync: webhook verification and parsing, REST reconciliation, their settings."""
