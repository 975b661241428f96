"""Use cases: plain functions `fn(program, actor, ...)`, one module per feature, one transaction each."""
