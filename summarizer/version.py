"""The package version, in a module of its own so the CLI and the service can read it without the facade."""

__version__ = "0.1.0"
