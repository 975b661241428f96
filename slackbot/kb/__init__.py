"""Knowledge base for partner build Q&A: curated entries, loader and deterministic search."""
