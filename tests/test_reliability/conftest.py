"""The service tests' app factory, shared with the reliability tests."""

from tests.test_service.conftest import make_client  # noqa: F401
