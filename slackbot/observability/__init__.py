"""What an operator sees: Prometheus metrics (`metrics`, `multiprocess`, `wsgi`) and structured logs (`logs`)."""
