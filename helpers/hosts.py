"""The one place that knows the course's hosts: name, schemes, real twin, demo key, app factory.

To add a simulated host, write its service package (``helpers/services/<name>/``) and add one
:class:`SimulatedHost` record to :data:`HOSTS`. The simulator dispatches every request by host
name through :func:`lookup`; nothing else in the course lists hosts.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

LIVE_ENV_VAR = "COURSE_LIVE"
"""``COURSE_LIVE=1`` (read by ``simulate()``) sends the real hosts' traffic to the internet."""

REHEARSAL_ENV_VAR = "COURSE_LIVE_REHEARSAL"
"""With ``COURSE_LIVE=1``: the "internet" is loopback copies of the services (CI, no network)."""

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_PORTS = {"https": 443, "http": 80}


@dataclass(frozen=True)
class SimulatedHost:
    """Everything the course knows about one host."""

    host: str
    factory: str  # "module:function" that returns a fresh Flask app
    has_real_twin: bool  # False for api.example.com, which exists only in this course
    schemes: tuple[str, ...] = ("https",)
    demo_env: tuple[tuple[str, str], ...] = ()  # (environment variable, demo value) pairs

    def create_app(self) -> Flask:
        module, _, func = self.factory.partition(":")
        factory: Callable[[], Flask] = getattr(importlib.import_module(module), func)
        return factory()


HOSTS: tuple[SimulatedHost, ...] = (
    SimulatedHost(
        "httpbin.org", "helpers.services.httpbin_app:create_app", True, ("https", "http")
    ),
    SimulatedHost(
        "api.github.com",
        "helpers.services.github:create_app",
        True,
        demo_env=(("GITHUB_TOKEN", "demo-github-token"),),
    ),
    SimulatedHost(
        "api.example.com",
        "helpers.services.example:create_app",
        False,
        demo_env=(("EXAMPLE_API_KEY", "demo-writer-key"),),
    ),
    SimulatedHost(
        "api.anthropic.com",
        "helpers.services.anthropic:create_app",
        True,
        demo_env=(("ANTHROPIC_API_KEY", "demo-anthropic-key"),),
    ),
    SimulatedHost(
        "jsonplaceholder.typicode.com",
        "helpers.services.jsonplaceholder:create_app",
        True,
        ("https", "http"),
    ),
)
HOSTS_BY_NAME = {h.host: h for h in HOSTS}

# Demo credentials the simulator accepts. They are obviously fake and documented in README.md.
DEMO_ENVIRONMENT = {name: value for h in HOSTS for name, value in h.demo_env}


def live_requested(environ: dict[str, str] | None = None) -> bool:
    """True when the learner asked for the real internet (``COURSE_LIVE=1``)."""
    return _truthy((os.environ if environ is None else environ).get(LIVE_ENV_VAR, ""))


def rehearsal_requested(environ: dict[str, str] | None = None) -> bool:
    """True when live mode should use loopback stand-ins (``COURSE_LIVE_REHEARSAL=1``)."""
    return _truthy((os.environ if environ is None else environ).get(REHEARSAL_ENV_VAR, ""))


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def lookup(name: str | None) -> SimulatedHost | None:
    """The record for a host name as it appears in a URL (any case, a trailing dot allowed)."""
    if not name:
        return None
    return HOSTS_BY_NAME.get(name.lower().rstrip("."))


def get_host(name: str) -> SimulatedHost:
    """The record for ``name``; a one-line ``ValueError`` naming the known hosts otherwise."""
    record = lookup(name) if isinstance(name, str) else None
    if record is None:
        known = ", ".join(HOSTS_BY_NAME)
        raise ValueError(f"{name!r} is not a simulated host; choose one of: {known}")
    return record
