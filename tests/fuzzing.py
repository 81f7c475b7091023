"""Shared hypothesis set-up for the fuzz tests: per-test example counts and a thorough profile."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
settings.register_profile("thorough", max_examples=2000, deadline=None)
if THOROUGH:
    settings.load_profile("thorough")

NO_SURROGATES = st.characters(blacklist_categories=("Cs",))


def fuzz(examples: int) -> settings:
    """Per-test settings: ``examples`` by default, 20x under the thorough profile."""
    return settings(
        max_examples=examples * 20 if THOROUGH else examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
