"""The upload ceiling of the Streamlit server (``server.maxUploadSize``) against the import's size limit
(``CRUSCOTTO_IMPORT_MAX_MB``): the ceiling must stay above the limit, so that a file over the limit reaches the app,
which refuses it with its own message in the user's language and records it (issue 17: Streamlit's English "File
must be 20.0MB or smaller", not recorded)."""

from __future__ import annotations

import tomllib

import pytest

from config import settings


def test_the_repository_ceiling_is_above_the_default_limit():
    with settings.STREAMLIT_CONFIG.open("rb") as file:
        ceiling = tomllib.load(file)["server"]["maxUploadSize"]
    limit_mb = settings.import_limits().max_bytes / (1 << 20)
    assert ceiling == settings.upload_ceiling_mb() == 100
    assert ceiling > limit_mb == 20


@pytest.mark.parametrize(("limit", "ceiling"), [("100", None), ("150", None), ("30", "30"), ("31", "30")])
def test_a_limit_at_or_over_the_ceiling_is_refused_with_what_to_change(monkeypatch, limit, ceiling):
    monkeypatch.setenv(settings.IMPORT_MAX_MB_ENV, limit)
    if ceiling:
        monkeypatch.setenv(settings.UPLOAD_CEILING_ENV, ceiling)
    with pytest.raises(settings.ConfigError, match=r"deve restare sotto server\.maxUploadSize"):
        settings.import_limits()


def test_a_limit_below_the_ceiling_is_accepted(monkeypatch):
    monkeypatch.setenv(settings.IMPORT_MAX_MB_ENV, "50")
    assert settings.import_limits().max_bytes == 50 << 20
    monkeypatch.setenv(settings.UPLOAD_CEILING_ENV, "300")
    monkeypatch.setenv(settings.IMPORT_MAX_MB_ENV, "250")
    assert settings.import_limits().max_bytes == 250 << 20
