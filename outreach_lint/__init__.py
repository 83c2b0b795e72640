"""outreach-lint: a linter for recruiter outreach messages."""

__version__ = "0.1.0"
