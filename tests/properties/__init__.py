"""Property tests: each quotes the rule it checks."""
