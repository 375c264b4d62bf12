"""The checker kit: the assertions and probes checkers share, one message per kind of mistake.

Two worlds: a value the learner's cell already computed (a Response) is looked up in the
learner's simulation (:func:`call_for`); anything a checker sends or runs goes to the private
simulation of the running check (:func:`sim`, :func:`run`, see :mod:`helpers.checkers._sandbox`).
"""

from __future__ import annotations

import ast
import inspect
import math
import os
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from urllib3.util import Retry
from urllib3.util.timeout import Timeout

from helpers.checkers._sandbox import active
from helpers.exercises import NotAttempted, Wrong
from helpers.hosts import DEMO_ENVIRONMENT
from helpers.simulator import Call, Simulator, current

TRANSIENT = frozenset({429, 500, 502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
BROAD = frozenset({"Exception", "BaseException", "RequestException"})


def short(value: object, limit: int = 80) -> str:
    """``repr`` of a learner's value, shortened, and safe if its ``__repr__`` raises."""
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ is the learner's: show something
        text = f"<a {type(value).__name__} that cannot be shown>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- not attempted -------------------------------------------------------------------------------


def require_attempted(function: object, name: str) -> None:
    """The one test for "still the starter": a function whose body is only ``...``."""
    if not inspect.isfunction(function):
        return
    try:
        body = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0].body
    except (OSError, TypeError, SyntaxError, IndexError, AttributeError):
        return
    constants = [getattr(s, "value", None) for s in body if isinstance(s, ast.Expr)]
    values = [getattr(c, "value", None) for c in constants if isinstance(c, ast.Constant)]
    if (
        len(values) == len(body)
        and Ellipsis in values
        and all(v is Ellipsis or isinstance(v, str) for v in values)
    ):
        raise NotAttempted(
            f"`{name}` still has only `...` as its body: write it, run the cell, then run this "
            "cell again."
        )


# -- values from the learner's cell (the learner's simulation) -----------------------------------


def require_response(value: object, name: str = "r") -> requests.Response:
    if not isinstance(value, requests.Response):
        raise Wrong(
            f"`{name}` should be the Response that requests returned, "
            f"but it is a {type(value).__name__}.",
            f"assign the call itself: {name} = requests.get(..., timeout=5)",
        )
    return value


def call_for(response: requests.Response) -> Call | None:
    """The learner's simulation's record of the request behind ``response``.

    ``None`` in live mode when the request went to a real service and was not logged.
    """
    sim = current()
    for call in reversed(sim.calls):
        if call.request is response.request:
            return call
    if sim.live:
        return None
    raise Wrong(
        "this response did not come from the simulator that is running now.",
        "run the exercise cell again after the setup cell (re-running setup resets the simulator).",
    )


def require_timeout(response: requests.Response) -> None:
    """Every hop behind ``response`` was sent with a valid, bounded timeout."""
    for hop in [*response.history, response]:
        call = call_for(hop)
        if call is not None:
            require_valid_timeout(call.timeout)


def query_of(response: requests.Response) -> dict[str, list[str]]:
    return parse_qs(urlsplit(response.request.url or "").query, keep_blank_values=True)


def require_url(response: requests.Response, host: str, path: str) -> None:
    url = urlsplit(response.request.url or "")
    if url.hostname != host or url.path != path:
        raise Wrong(
            f"the request went to {url.hostname}{url.path}, not {host}{path}.",
            f"send it to https://{host}{path}",
        )


def require_callable(value: object, name: str, hint: str) -> None:
    """The exercise asks for a function (or class) called ``name``."""
    if not callable(value):
        raise Wrong(f"`{name}` should be a function, but it is a {type(value).__name__}.", hint)


# -- timeouts ------------------------------------------------------------------------------------

TIMEOUT_HINT = "pass timeout=(3, 10): two positive numbers of seconds, to connect and to read."


def _timeout_parts(timeout: object) -> tuple[object, object] | str:
    if isinstance(timeout, Timeout):
        return timeout.connect_timeout, timeout.read_timeout
    if isinstance(timeout, tuple):
        if len(timeout) != 2:
            return (
                f"timeout={short(timeout)} has {len(timeout)} values: requests raises ValueError "
                "(it takes one number, or a (connect, read) pair)."
            )
        return timeout
    return timeout, timeout


def timeout_problem(timeout: object) -> str | None:
    """Why ``timeout`` would not bound a real request (or be refused by one), or ``None``."""
    if timeout is None:
        return "the request has no timeout, so it could wait forever."
    parts = _timeout_parts(timeout)
    if isinstance(parts, str):
        return parts
    for part, value in zip(("connect", "read"), parts, strict=True):
        where = f"timeout={short(timeout)}"
        if value is None or type(value).__name__ == "_TYPE_DEFAULT":  # urllib3's "no limit"
            return f"{where} leaves the {part} part without a limit, so it could wait forever."
        if isinstance(value, bool):
            return f"{where} is a bool, not seconds: a real connection raises ValueError."
        if not isinstance(value, (int, float)):
            return (
                f"{where}: the {part} part is a {type(value).__name__}, not a number: "
                "a real connection raises ValueError."
            )
        if math.isnan(value) or math.isinf(value):
            return f"{where} is not a number of seconds: a real socket refuses {value}."
        if value <= 0:
            return (
                f"{where}: a {part} timeout of {value} is refused by a real connection "
                "(ValueError: it must be greater than 0)."
            )
    return None


def require_valid_timeout(timeout: object) -> None:
    problem = timeout_problem(timeout)
    if problem:
        raise Wrong(problem, TIMEOUT_HINT)


def require_timeouts(calls: list[Call]) -> None:
    for call in calls:
        require_valid_timeout(call.timeout)


def split_timeout(timeout: object) -> tuple[object, object]:
    parts = _timeout_parts(timeout)
    return (None, None) if isinstance(parts, str) else parts


# -- the private simulation of the running check --------------------------------------------------


def sim() -> Simulator:
    """The check's private, offline simulator (fresh for each check)."""
    return active().sim


@dataclass
class Run:
    """What the learner's code did during one call: result or error, requests, waits, output."""

    result: Any
    error: BaseException | None
    calls: list[Call]
    sleeps: list[float]
    output: str


def run(action: Callable[[], Any], *, catch: bool = False) -> Run:
    """Run ``action`` in the check's simulation. With ``catch``, an ``Exception`` it raises is
    kept in ``.error`` instead of propagating."""
    box = active()
    calls, sleeps, out = len(box.sim.calls), len(box.sleeps), box.output.tell()
    result, error = None, None
    try:
        result = action()
    except (ValueError, OverflowError) as e:
        sent = box.sim.calls[calls:]
        if "timeout" in str(e).lower() or any(timeout_problem(c.timeout) for c in sent):
            # what requests/urllib3 (or a real socket) say about an invalid timeout=
            raise Wrong(f"a real connection refuses this timeout: {e}", TIMEOUT_HINT) from None
        if not catch:
            raise
        error = e
    except Exception as e:
        if not catch:
            raise
        error = e
    box.output.seek(out)
    output = box.output.read()
    return Run(result, error, box.sim.calls[calls:], box.sleeps[sleeps:], output)


# -- secrets, exception handlers -----------------------------------------------------------------

SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD", re.IGNORECASE)


def require_no_secret(output: str) -> None:
    secrets = set(DEMO_ENVIRONMENT.values())
    secrets |= {v for k, v in os.environ.items() if SECRET_NAME.search(k) and len(v) >= 8}
    for secret in secrets:
        if secret and secret in output:
            raise Wrong(
                "your code printed a secret (an API key or token) to the cell's output, where "
                "screenshots, logs and shared notebooks keep it.",
                "print the status or a masked value instead: never the key itself.",
            )


def broad_handlers(function: object) -> list[str]:
    """The catch-all ``except`` clauses in ``function``'s source (bare, Exception, ...)."""
    found: list[str] = []
    for node in _source_nodes(function):
        if not isinstance(node, ast.ExceptHandler):
            continue
        if any(isinstance(n, ast.Raise) for n in ast.walk(node)):
            continue  # it re-raises (or raises its own error): nothing is swallowed
        if node.type is None:
            found.append("a bare except:")
            continue
        types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        for t in types:
            name = t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", "")
            if name in BROAD:
                found.append(f"except {ast.unparse(t)}")
    return found


def require_narrow_except(function: object, name: str, catch: str) -> None:
    broad = broad_handlers(function)
    if broad:
        raise Wrong(
            f"{name} uses {broad[0]}, which also catches the errors it should let through "
            "(a 404, a typo, a bug), so they are silently swallowed.",
            f"catch only {catch}, and let everything else propagate.",
        )


SESSION_DEFAULTS = frozenset({"user-agent", "accept", "accept-encoding", "connection"})


def _source_nodes(obj: object) -> list[ast.AST]:
    """Every AST node of a function's source, or of a class's methods (sources unavailable:
    none). A class is read method by method: its own source cannot be found in a notebook."""
    functions = [obj]
    if isinstance(obj, type):
        members = [getattr(m, "__func__", m) for m in vars(obj).values()]
        functions = [m for m in members if inspect.isfunction(m)]
    nodes: list[ast.AST] = []
    for function in functions:
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(function)))  # type: ignore[arg-type]
        except (OSError, TypeError, SyntaxError):
            continue
        nodes.extend(ast.walk(tree))
    return nodes


def require_no_idle_setdefault(obj: object) -> None:
    """``headers.setdefault("User-Agent", ...)`` does nothing: a Session always sets it."""
    for node in _source_nodes(obj):
        func = getattr(node, "func", None)
        if not (isinstance(func, ast.Attribute) and func.attr == "setdefault"):
            continue
        target = ast.unparse(func.value)
        args = node.args  # type: ignore[attr-defined]
        name = getattr(args[0], "value", None) if args else None
        if target.endswith("headers") and str(name).lower() in SESSION_DEFAULTS:
            raise Wrong(
                f"{target}.setdefault({name!r}, ...) does nothing: a Session always sends "
                f"{name} (requests sets it), so your value is never used.",
                f'assign it instead: {target}["{name}"] = ... (or {target}.update({{...}})).',
            )


# -- retry policies ------------------------------------------------------------------------------


def retry_problem(retry: Retry, extra_statuses: frozenset[int] = frozenset(), post: bool = False):
    """(problem, hint) for a urllib3 ``Retry`` a senior reviewer would send back, or ``None``."""
    parts = (retry.connect, retry.read, retry.status, retry.other)
    if (
        (retry.total is None and None in parts)
        or retry.total is True
        or (isinstance(retry.total, int) and retry.total > 10)
    ):
        return (
            f"Retry(total={retry.total!r}) does not bound the retries: a server that stays down "
            "keeps your code retrying (almost) forever.",
            "set a small total, for example total=3.",
        )
    if not retry.backoff_factor or retry.backoff_factor <= 0:
        return (
            "your policy has no backoff (backoff_factor=0): the retries fire back to back at a "
            "struggling server.",
            "keep a backoff_factor such as 0.5.",
        )
    if not math.isfinite(getattr(retry, "backoff_max", 120)) or retry.backoff_max > 120:
        return (
            f"backoff_max={retry.backoff_max} leaves the waits without a sensible cap.",
            "leave backoff_max at its default (120 s) or lower it.",
        )
    methods = retry.allowed_methods
    unsafe = {"POST", "PATCH"} - ({"POST"} if post else set())
    if (methods is None and not post) or unsafe & {m.upper() for m in methods or ()}:
        sent = "every method" if methods is None else sorted(unsafe & {m.upper() for m in methods})
        return (
            f"your policy retries {sent}: a request that is not idempotent could be done twice "
            "if only its answer got lost.",
            "leave allowed_methods out (the default set has no POST or PATCH), or list only "
            "idempotent methods.",
        )
    statuses = set(retry.status_forcelist or ())
    permanent = sorted(statuses - TRANSIENT - extra_statuses)
    if permanent:
        why = "501 Not Implemented never changes" if 501 in permanent else "it will not change"
        shown = (
            str(permanent)
            if len(permanent) < 6
            else f"{permanent[:4]} and more".replace("]", ", ...]", 1)
        )
        return (
            f"status_forcelist retries {shown}: {why}, so retrying only wastes requests.",
            "list only transient statuses: 429, 500, 502, 503, 504.",
        )
    if not retry.respect_retry_after_header:
        return (
            "respect_retry_after_header=False ignores the server's Retry-After, the one wait "
            "that is known to work.",
            "leave respect_retry_after_header at its default, True.",
        )
    return None


def require_retry_policy(retry: Retry, **kwargs) -> None:
    problem = retry_problem(retry, **kwargs)
    if problem:
        raise Wrong(*problem)
