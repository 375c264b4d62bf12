"""Which hosts the course simulates, and the switch that sends some of them to the real internet."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

LIVE_ENV_VAR = "COURSE_LIVE"
"""Set to ``1`` (then restart the kernel) to send the real hosts' traffic to the internet."""


@dataclass(frozen=True)
class SimulatedHost:
    host: str
    factory: str  # "module:function" that returns a fresh Flask app
    has_real_twin: bool  # False for api.example.com, which exists only in this course
    schemes: tuple[str, ...] = ("https",)

    def create_app(self) -> Flask:
        module, _, func = self.factory.partition(":")
        factory: Callable[[], Flask] = getattr(importlib.import_module(module), func)
        return factory()


HOSTS: tuple[SimulatedHost, ...] = (
    SimulatedHost(
        "httpbin.org", "helpers.services.httpbin_app:create_app", True, ("https", "http")
    ),
    SimulatedHost("api.github.com", "helpers.services.github:create_app", True),
    SimulatedHost("api.example.com", "helpers.services.example:create_app", False),
    SimulatedHost("api.anthropic.com", "helpers.services.anthropic:create_app", True),
)
HOSTS_BY_NAME = {h.host: h for h in HOSTS}

# Demo credentials the simulator accepts. They are obviously fake and documented in README.md.
DEMO_ENVIRONMENT = {
    "EXAMPLE_API_KEY": "demo-writer-key",
    "GITHUB_TOKEN": "demo-github-token",
    "ANTHROPIC_API_KEY": "demo-anthropic-key",
}


def live_requested(environ: dict[str, str] | None = None) -> bool:
    """True when the learner asked for the real internet (``COURSE_LIVE=1``)."""
    value = (os.environ if environ is None else environ).get(LIVE_ENV_VAR, "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def get_host(name: str) -> SimulatedHost:
    try:
        return HOSTS_BY_NAME[name]
    except KeyError:
        known = ", ".join(HOSTS_BY_NAME)
        raise ValueError(f"{name!r} is not a simulated host; choose one of: {known}") from None
