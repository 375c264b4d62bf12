"""The in-process transport behaves like a real socket: each test runs the same request through
:class:`helpers.course_mock.CourseRequestsMock` (the simulator's mock) and through a real
connection to the same app on 127.0.0.1, and compares what the client sees."""

from __future__ import annotations

import json
import math
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import flask
import pytest
import requests
import responses
from flask import Flask
from requests.adapters import HTTPAdapter
from urllib3 import HTTPResponse
from urllib3.exceptions import MaxRetryError, ReadTimeoutError
from urllib3.util import Retry, Timeout

from helpers.course_mock import CourseRequestsMock, urllib3_wait
from helpers.loopback import LoopbackServer
from helpers.services import _common, httpbin_app
from helpers.services._common import simulated_sleep
from helpers.services.example import create_app as create_example_app
from helpers.wsgi_bridge import call_app, connect_timeout

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
POOL = re.compile(r"HTTPS?ConnectionPool\(host='[^']*', port=\d+\)")


@contextmanager
def in_process(app: Callable, host: str) -> Iterator[CourseRequestsMock]:
    """``app`` answering ``https://{host}`` through the mock, registered as the simulator does;
    127.0.0.1 passes through to real sockets."""
    mock = CourseRequestsMock(assert_all_requests_are_fired=False)
    pattern = re.compile(rf"^https://{re.escape(host)}(:\d+)?([/?#].*)?$")
    for method in METHODS:
        mock.add_callback(method, pattern, callback=lambda r: call_app(app, r), content_type=None)
    mock.add_passthru("http://127.0.0.1")
    mock.start()
    try:
        yield mock
    finally:
        mock.stop(allow_assert=False)
        mock.reset()


@contextmanager
def on_loopback(app: Callable) -> Iterator[str]:
    server = LoopbackServer(app).start()
    try:
        yield server.base_url
    finally:
        server.stop()


def outcome(send: Callable[[], requests.Response]) -> tuple[str, str]:
    """``(exception type, message with the pool's host and port masked)`` or the status."""
    try:
        response = send()
    except Exception as error:
        return type(error).__qualname__, POOL.sub("POOL", str(error))
    return "status", str(response.status_code)


def counting(app):
    """``app`` with a hit counter: ``app.hits`` requests reached it."""
    app.hits, app.seen = 0, []

    @app.before_request
    def count() -> None:
        app.hits += 1
        app.seen.append(flask.request.full_path)

    return app


# -- 1. timeouts ----------------------------------------------------------------------------------

TIMEOUTS = [
    0,
    -1,
    "5",
    True,
    False,
    (1, 2, 3),
    (1,),
    math.nan,
    math.inf,
    -math.inf,
    (0, 5),
    (-1, -1),
    (5, "5"),
    (math.inf, 5),
    (5, math.nan),
    (5, math.inf),
    [1, 2],
    1e10,
    Decimal("5"),
    (5, Decimal("5")),
    (5, None),
    (None, 5),
    None,
    5,
    2.5,
    Timeout(connect=2, read=3),
    Timeout(total=4),
    Timeout(connect=math.nan, read=3),
]


@pytest.fixture(scope="module")
def both_ways():
    """``(mock, in-process app, real app, its base URL)``: the example service both ways."""
    fake_app, real_app = counting(create_example_app()), counting(create_example_app())
    with in_process(fake_app, "api.example.com") as mock, on_loopback(real_app) as base_url:
        yield mock, fake_app, real_app, base_url


@pytest.mark.parametrize("timeout", TIMEOUTS, ids=repr)
def test_timeout_values_fail_exactly_as_on_a_real_socket(both_ways, timeout):
    _, app, real_app, base_url = both_ways
    path = f"/slow?seconds=0.05&case={uuid.uuid4().hex}"  # late arrivals count for their case
    fake = outcome(lambda: requests.get(f"https://api.example.com{path}", timeout=timeout))
    real = outcome(lambda: requests.get(f"{base_url}{path}", timeout=timeout))
    assert fake == real
    hits, real_hits = app.seen.count(path), real_app.seen.count(path)
    if fake[0] == "status" or hits == 0:
        # Sent and answered, or refused before sending. (A read part the socket refuses fails
        # after the request went out: the app ran; a real server may or may not act on it.)
        assert hits == real_hits


def test_a_read_timeout_the_socket_refuses_fails_after_sending(both_ways):
    _, app, _, _ = both_ways
    path = f"/slow?seconds=5&case={uuid.uuid4().hex}"
    started = time.perf_counter()
    with pytest.raises(ValueError, match="NaN"):
        requests.get(f"https://api.example.com{path}", timeout=(5, math.nan))
    assert app.seen.count(path) == 1  # sent: the client sets the read timeout after sending
    assert time.perf_counter() - started < 1  # and fails at once, without waiting for the app


def test_slow_endpoint_with_negative_timeout_is_refused_before_sending(both_ways):
    mock, app, _, _ = both_ways
    app.hits, calls = 0, len(mock.calls)
    with pytest.raises(ValueError, match="less than or equal to 0"):
        requests.get("https://api.example.com/slow?seconds=2", timeout=-1)
    assert app.hits == 0
    assert len(mock.calls) == calls  # nothing was sent, so no fake 500 either


def test_in_process_read_timeout_waits_exactly_the_timeout(both_ways):
    started = time.perf_counter()
    with pytest.raises(requests.exceptions.ReadTimeout) as caught:
        requests.get("https://api.example.com/slow?seconds=3", timeout=(1, 0.3))
    elapsed = time.perf_counter() - started
    assert 0.3 <= elapsed < 0.8
    assert str(caught.value) == (
        "HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=0.3)"
    )
    assert isinstance(caught.value.args[0], ReadTimeoutError)


# -- 2. retries -----------------------------------------------------------------------------------


def session_with(retry: Retry) -> requests.Session:
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    return session


def test_used_up_status_retries_raise_retry_error_as_on_a_socket():
    retry = Retry(total=2, status_forcelist=[503])
    fake_app, real_app = counting(create_example_app()), counting(create_example_app())
    with in_process(fake_app, "api.example.com"):
        fake = outcome(
            lambda: session_with(retry).get("https://api.example.com/flaky?failures=5", timeout=5)
        )
    with on_loopback(real_app) as base_url:
        real = outcome(lambda: session_with(retry).get(f"{base_url}/flaky?failures=5", timeout=5))
    assert fake[0] == "RetryError"
    assert fake == real
    assert fake_app.hits == real_app.hits == 3


def test_used_up_read_retries_raise_connection_error_as_on_a_socket():
    retry = Retry(total=2, read=2)
    fake_app, real_app = counting(create_example_app()), counting(create_example_app())
    url = "/slow?seconds=1"
    with in_process(fake_app, "api.example.com"):
        started = time.perf_counter()
        with pytest.raises(requests.exceptions.ConnectionError) as caught:
            session_with(retry).get(f"https://api.example.com{url}", timeout=(1, 0.2))
        elapsed = time.perf_counter() - started
    with on_loopback(real_app) as base_url:
        real = outcome(lambda: session_with(retry).get(f"{base_url}{url}", timeout=(1, 0.2)))
    error = caught.value
    assert type(error) is requests.exceptions.ConnectionError  # not its ReadTimeout subclass
    assert isinstance(error.args[0], MaxRetryError)
    assert isinstance(error.args[0].reason, ReadTimeoutError)
    assert ("ConnectionError", POOL.sub("POOL", str(error))) == real
    assert fake_app.hits == real_app.hits == 3
    assert 0.6 <= elapsed < 1.5  # three read timeouts of 0.2 s; backoff: 0, then 0 (factor 0)


def test_read_retries_sleep_the_backoff_like_urllib3():
    app = counting(create_example_app())
    retry = Retry(total=2, read=2, backoff_factor=0.2)  # sleeps 0, then 0.2 * 2 = 0.4 s
    with in_process(app, "api.example.com"):
        started = time.perf_counter()
        with pytest.raises(requests.exceptions.ConnectionError):
            session_with(retry).get("https://api.example.com/slow?seconds=1", timeout=(1, 0.1))
        elapsed = time.perf_counter() - started
    assert app.hits == 3
    assert 0.69 <= elapsed < 1.4


def slow_orders() -> Flask:
    """POST /orders takes a second: a read timeout after the server acted."""
    app = Flask("slow_orders")

    @app.post("/orders")
    def orders():
        simulated_sleep(1)
        return {"ordered": True}

    return counting(app)


@pytest.mark.parametrize(
    ("retry", "attempts", "error"),
    [
        (Retry(total=3, read=3), 1, requests.exceptions.ReadTimeout),  # POST not allowed
        (Retry(total=3, allowed_methods={"POST"}), 4, requests.exceptions.ConnectionError),
        (Retry(total=3, read=1, allowed_methods={"POST"}), 2, requests.exceptions.ConnectionError),
    ],
)
def test_a_post_is_retried_after_a_read_timeout_only_when_allowed(retry, attempts, error):
    fake_app, real_app = slow_orders(), slow_orders()
    with in_process(fake_app, "shop.test"):
        fake = outcome(
            lambda: session_with(retry).post("https://shop.test/orders", timeout=(1, 0.1))
        )
    with on_loopback(real_app) as base_url:
        real = outcome(lambda: session_with(retry).post(f"{base_url}/orders", timeout=(1, 0.1)))
    assert fake == real
    assert fake[0] == error.__name__
    assert fake_app.hits == real_app.hits == attempts


def test_retry_recovers_after_a_timeout_and_default_adapter_does_not_retry():
    app = counting(create_example_app())
    with in_process(app, "api.example.com"):
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get("https://api.example.com/slow?seconds=1", timeout=(1, 0.1))
        assert app.hits == 1
        answer = session_with(Retry(total=2, read=2)).get(
            "https://api.example.com/slow?seconds=0.05", timeout=(1, 0.5)
        )
        assert answer.status_code == 200


# -- 3. paths -------------------------------------------------------------------------------------

WHAT_THE_APP_SEES = ("PATH_INFO", "QUERY_STRING", "REQUEST_URI", "SCRIPT_NAME")


def environ_echo(environ, start_response):
    seen = {key: environ.get(key) for key in WHAT_THE_APP_SEES}
    seen["HTTP_AUTHORIZATION"] = environ.get("HTTP_AUTHORIZATION")
    seen["HTTP_HOST"] = environ.get("HTTP_HOST")
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(seen).encode()]


PATHS = [
    "//todos",
    "///x",
    "/a//b/",
    "/%2F/x?q=%2F&a=b c",
    "/caf%C3%A9",
    "/a%20b",
    "",
    "/?",
    "/t#f",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_app_receives_the_path_a_real_server_receives(path):
    with in_process(environ_echo, "api.example.com"):
        fake = requests.get(f"https://api.example.com{path}", timeout=5).json()
    with on_loopback(environ_echo) as base_url:
        real = requests.get(f"{base_url}{path}", timeout=5).json()
    assert {k: fake[k] for k in WHAT_THE_APP_SEES} == {k: real[k] for k in WHAT_THE_APP_SEES}
    assert fake["HTTP_HOST"] == "api.example.com"


def test_double_slash_gives_the_same_resource_as_over_a_socket():
    with in_process(create_example_app(), "api.example.com"):
        fake = requests.get("https://api.example.com/" + "/todos", timeout=5)
    with on_loopback(create_example_app()) as base_url:
        real = requests.get(f"{base_url}/" + "/todos", timeout=5)
    assert [r.status_code for r in fake.history] == [r.status_code for r in real.history] == []
    assert fake.status_code == real.status_code == 200
    assert fake.json() == real.json()
    assert isinstance(fake.json(), list)


# -- 4. user information in the URL --------------------------------------------------------------

SECRET = "s3cret-Pa55"


def test_userinfo_becomes_basic_auth_as_requests_sends_it():
    url = f"https://user:{SECRET}@httpbin.org/basic-auth/user/{SECRET}"
    with in_process(httpbin_app.create_app(), "httpbin.org"):
        answer = requests.get(url, timeout=5)
        wrong = requests.get(url.replace(f":{SECRET}@", ":wrong@"), timeout=5)
    with on_loopback(httpbin_app.create_app()) as base_url:
        real = requests.get(
            base_url.replace("http://", f"http://user:{SECRET}@") + f"/basic-auth/user/{SECRET}",
            timeout=5,
        )
    assert answer.status_code == real.status_code == 200
    assert answer.json() == real.json() == {"authenticated": True, "user": "user"}
    assert wrong.status_code == 401
    assert answer.url == url  # requests keeps the URL as written, so does the simulation


def test_the_app_sees_no_userinfo_in_host_or_path():
    with in_process(environ_echo, "api.example.com"):
        seen = requests.get(f"https://ann:{SECRET}@api.example.com:443/me?x=1", timeout=5).json()
    with on_loopback(environ_echo) as base_url:
        real = requests.get(
            base_url.replace("http://", f"http://ann:{SECRET}@") + "/me?x=1", timeout=5
        ).json()
    assert seen["HTTP_HOST"] == "api.example.com"
    assert real["HTTP_HOST"] == base_url.removeprefix("http://")
    assert seen["REQUEST_URI"] == real["REQUEST_URI"] == "/me?x=1"
    assert seen["HTTP_AUTHORIZATION"] == real["HTTP_AUTHORIZATION"]
    assert seen["HTTP_AUTHORIZATION"].startswith("Basic ")


def test_no_error_message_carries_the_password():
    with in_process(create_example_app(), "api.example.com"):
        errors = []
        for send in (
            lambda: requests.get(f"https://u:{SECRET}@api.example.com/slow?seconds=1", timeout=0.1),
            lambda: session_with(Retry(total=1, read=1)).get(
                f"https://u:{SECRET}@api.example.com/slow?seconds=1", timeout=0.1
            ),
            lambda: requests.get(f"https://u:{SECRET}@unknown.test/", timeout=1),
            lambda: requests.get(f"https://u:{SECRET}@api.example.com/", timeout=(5, math.nan)),
        ):
            with pytest.raises(Exception) as caught:
                send()
            errors.append(caught.value)
    assert [type(e).__name__ for e in errors] == [
        "ReadTimeout",
        "ConnectionError",
        "ConnectionError",
        "ValueError",
    ]
    for error in errors:
        assert SECRET not in str(error)
        assert SECRET not in repr(error.args)


# -- 5. cost --------------------------------------------------------------------------------------


def test_the_course_mock_costs_little_more_than_a_bare_mock():
    """Measured alternately (min of several rounds), so a busy machine slows both alike."""
    mocks = {}
    for kind in (responses.RequestsMock, CourseRequestsMock):
        mock = kind(assert_all_requests_are_fired=False)
        mock.add_callback("GET", re.compile(r"^https://fast\.test/.*$"), lambda r: (200, {}, b"ok"))
        mocks[kind] = mock
    best = dict.fromkeys(mocks, math.inf)
    session = requests.Session()
    for _ in range(5):
        for kind, mock in mocks.items():
            mock.start()  # not ``with``: leaving the block would empty its registry
            try:
                started = time.perf_counter()
                for _ in range(50):
                    session.get("https://fast.test/x", timeout=5)
                best[kind] = min(best[kind], (time.perf_counter() - started) / 50)
            finally:
                mock.stop(allow_assert=False)
    assert best[CourseRequestsMock] < best[responses.RequestsMock] * 1.5 + 100e-6


@pytest.mark.parametrize(
    ("retry", "attempts", "error"),
    [
        (Retry(0, read=False), 1, requests.exceptions.ConnectTimeout),  # requests' default
        (Retry(total=2, connect=2), 3, requests.exceptions.ConnectTimeout),
        (Retry(total=5, connect=1), 2, requests.exceptions.ConnectTimeout),
    ],
)
def test_connect_timeouts_are_retried_for_any_method(retry, attempts, error):
    tries = []

    def unreachable(request):
        tries.append(request.method)
        return connect_timeout(request, 3)

    mock = CourseRequestsMock(assert_all_requests_are_fired=False)
    mock.add_callback("POST", "https://down.test/orders", callback=unreachable)
    with mock, pytest.raises(error) as caught:
        session_with(retry).post(f"https://u:{SECRET}@down.test/orders", timeout=3)
    assert len(tries) == attempts  # a POST too: the server never received it
    assert isinstance(caught.value.args[0], MaxRetryError)
    assert str(caught.value).startswith(
        "HTTPSConnectionPool(host='down.test', port=443): Max retries exceeded with url: /orders "
        "(Caused by ConnectTimeoutError("
    )
    assert str(caught.value).endswith("'Connection to down.test timed out. (connect timeout=3)'))")
    assert SECRET not in str(caught.value)


# -- 5. status retries: urllib3's, run once, their waits on the services' clock ------------------


def test_status_retries_without_raising_return_the_last_response_as_on_a_socket():
    retry = Retry(total=2, status_forcelist=[503], raise_on_status=False)
    fake_app, real_app = counting(create_example_app()), counting(create_example_app())
    with in_process(fake_app, "api.example.com"):
        fake = outcome(
            lambda: session_with(retry).get("https://api.example.com/flaky?failures=5", timeout=5)
        )
        with on_loopback(real_app) as base_url:  # passed through: urllib3 alone retries it
            real = outcome(
                lambda: session_with(retry).get(f"{base_url}/flaky?failures=5", timeout=5)
            )
    assert fake == real == ("status", "503")
    assert fake_app.hits == real_app.hits == 3


class Answer:
    """What ``Retry.sleep(response)`` reads from a response: its headers."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


@pytest.mark.parametrize(
    ("retry", "headers", "failures"),
    [
        (Retry(total=5, backoff_factor=0.5), {"Retry-After": "3"}, 1),
        (Retry(total=5, backoff_factor=0.5), {}, 1),
        (Retry(total=5, backoff_factor=0.5), {}, 3),
        (Retry(total=5, backoff_factor=0.5), {"Retry-After": "0"}, 3),
        (
            Retry(total=5, backoff_factor=1, respect_retry_after_header=False),
            {"Retry-After": "9"},
            2,
        ),
        (Retry(total=5, backoff_factor=100, backoff_max=7), {}, 4),
    ],
)
def test_the_clock_advances_by_exactly_what_retry_sleep_sleeps(
    retry, headers, failures, monkeypatch
):
    for _ in range(failures):
        retry = retry.increment(method="GET", url="/x", response=HTTPResponse(status=503))
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    retry.sleep(Answer(headers))
    assert urllib3_wait(retry, Answer(headers)) == sum(slept)


def test_in_process_status_retries_are_counted_on_the_clock_not_slept():
    app = counting(create_example_app())
    retry = Retry(total=3, status_forcelist=[503], backoff_factor=1)  # urllib3 sleeps 0, 2, 4 s
    with in_process(app, "api.example.com"):
        clock, started = _common.now(), time.monotonic()
        answer = session_with(retry).get("https://api.example.com/flaky?failures=3", timeout=5)
    assert answer.status_code == 200 and app.hits == 4
    assert time.monotonic() - started < 1
    assert 6 <= _common.now() - clock < 7


# -- 6. an infinite timeout -----------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [math.inf, (math.inf, 5), (5, math.inf)], ids=repr)
def test_an_infinite_timeout_fails_with_the_real_sockets_error(both_ways, timeout):
    _, _, _, base_url = both_ways
    fake = outcome(lambda: requests.get("https://api.example.com/todos/1", timeout=timeout))
    real = outcome(lambda: requests.get(f"{base_url}/todos/1", timeout=timeout))
    assert fake == real
    assert fake[0] == "OverflowError"  # socket.settimeout(inf): "timestamp out of range ..."
