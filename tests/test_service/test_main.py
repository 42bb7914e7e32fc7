from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from service import __main__ as server
from service.settings import get_settings


@pytest.fixture
def uvicorn_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[tuple[Any, ...], dict[str, Any]]]]:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(server.uvicorn, "run", lambda *args, **kwargs: calls.append((args, kwargs)))
    monkeypatch.delenv("SUMMARIZER_LOG_LEVEL", raising=False)  # main() sets it: restored afterwards
    get_settings.cache_clear()
    yield calls
    get_settings.cache_clear()


def test_the_server_runs_the_app_on_127_0_0_1_8000_by_default(
    uvicorn_calls: list[Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HOST", "PORT", "WORKERS", "LOG_LEVEL"):
        monkeypatch.delenv(f"SUMMARIZER_{name}", raising=False)

    server.main([])

    assert uvicorn_calls == [(("service.app:app",), {"host": "127.0.0.1", "port": 8000, "workers": 1,
                                                     "log_level": "info", "access_log": False})]


def test_flags_override_settings_from_the_environment(
    uvicorn_calls: list[Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_PORT", "9000")
    monkeypatch.setenv("SUMMARIZER_WORKERS", "3")

    server.main(["--port", "9100", "--host", "0.0.0.0"])

    assert uvicorn_calls[0][1] == {"host": "0.0.0.0", "port": 9100, "workers": 3, "log_level": "info",
                                   "access_log": False}


def test_the_log_level_flag_reaches_the_app_s_settings_and_uvicorn_s_access_log_is_off(
    uvicorn_calls: list[Any],
) -> None:
    server.main(["--log-level", "warning"])

    assert uvicorn_calls[0][1]["log_level"] == "warning" and uvicorn_calls[0][1]["access_log"] is False
    assert get_settings().log_level == "warning"  # what the app's lifespan gives the request log


def test_a_bad_setting_exits_with_a_message_naming_it(
    uvicorn_calls: list[Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_PORT", "not-a-port")

    with pytest.raises(SystemExit, match="SUMMARIZER_PORT"):
        server.main([])
    assert uvicorn_calls == []
