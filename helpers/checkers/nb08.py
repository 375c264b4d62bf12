"""Checkers for notebook 08 (Pagination)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests

from helpers.checkers._sandbox import active
from helpers.checkers._tools import require_callable, require_timeouts, run, sim
from helpers.exercises import Wrong, exercise
from helpers.simulator import current

EVENTS_URL = "https://api.example.com/events"
EVENT_COUNT = 237
FEWEST_EVENT_REQUESTS = 3  # 237 events at the maximum limit of 100
LOG_COUNT = 58
ARTICLE_COUNT = 42
PAGE_GUARD = 20  # the notebook's max-pages guard in iter_articles


def describe_ids(ids: list[object], expected: int, what: str) -> str | None:
    """Why ``ids`` is not 1..expected in order, or ``None`` when it is."""
    want = list(range(1, expected + 1))
    if ids == want:
        return None
    if len(ids) > expected and ids[:expected] == want:
        return (
            f"you got {len(ids)} {what}: all {expected}, then {what[:-1]} {ids[expected]} again, "
            "so the loop did not stop after the last page."
        )
    seen: set[object] = set()
    for position, item_id in enumerate(ids):
        if item_id in seen:
            return (
                f"item {position + 1} is {what[:-1]} {item_id} again: a page came back twice, so "
                "a request asked for a page you already had."
            )
        seen.add(item_id)
    missing = [i for i in want if i not in seen]
    if missing:
        return f"you got {len(ids)} of {expected} {what}; missing: {id_ranges(missing)}."
    return f"you got all {expected} {what}, but not in order (ids 1 to {expected})."


def id_ranges(ids: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"ids 1-3, 7"``."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in runs]
    shown = ", ".join(parts[:4]) + (", ..." if len(parts) > 4 else "")
    return f"id{'s' if len(ids) > 1 else ''} {shown}"


def ids_of(items: list[object], name: str, what: str) -> list[object]:
    if not all(isinstance(item, dict) and "id" in item for item in items):
        raise Wrong(
            f"`{name}` should give the {what} as the API sends them: dicts with an `id`.",
            "yield (or collect) the items of each page as they are, not whole pages or ids.",
        )
    return [item["id"] for item in items]


# --- 08-fewer-requests ---------------------------------------------------------------------------


def offset_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("offset", ["0"])[0]


def last_events_run() -> list:
    """The simulator's calls to /events from the last one that started at offset 0."""
    calls = [c for c in current().calls if c.url.split("?", 1)[0] == EVENTS_URL]
    starts = [i for i, call in enumerate(calls) if offset_of(call.url) == "0"]
    return calls[starts[-1] :] if starts else calls


@exercise("08-fewer-requests", "all_events", "events_requests")
def fewer_requests(all_events, events_requests):
    if not isinstance(all_events, list):
        raise Wrong(
            f"`all_events` should be a list of events, but it is a {type(all_events).__name__}.",
            "collect the items of every page into a list, as the loop above does with `events`.",
        )
    problem = describe_ids(ids_of(all_events, "all_events", "events"), EVENT_COUNT, "events")
    if problem:
        raise Wrong(problem, "keep the stop condition: offset >= total (or an empty page).")
    if isinstance(events_requests, bool) or not isinstance(events_requests, int):
        raise Wrong(
            "`events_requests` should be a whole number: how many requests your loop sent.",
            "add 1 to a counter after each request, as the original loop does.",
        )
    run = last_events_run()
    if events_requests != len(run):
        raise Wrong(
            f"`events_requests` is {events_requests}, but the simulator saw {len(run)} requests "
            "to /events in your last run.",
            "count the requests inside the loop instead of computing or typing the number.",
        )
    require_timeouts(run)
    if len(run) > FEWEST_EVENT_REQUESTS:
        limits = sorted({parse_qs(urlsplit(c.url).query).get("limit", ["25"])[0] for c in run})
        raise Wrong(
            f"{len(run)} requests with limit={', '.join(limits)}: "
            f"{FEWEST_EVENT_REQUESTS} are enough.",
            "the server accepts a limit of up to 100 items a page.",
        )
    return (
        f"{EVENT_COUNT} events in {events_requests} requests instead of 10: the page size is the "
        "cheapest optimisation in any paginated download."
    )


# --- 08-iter-logs --------------------------------------------------------------------------------


def consume(function, name: str, limit: int, first_lazily: bool, session=None):
    """Call ``function(session)`` and read what it yields (the check's request budget applies).

    With ``first_lazily``, check that the call itself sends nothing and that the first item
    costs exactly one request.
    """
    require_callable(function, name, f"keep the `def {name}(session):` line and fill in its body.")
    items: list = []
    box, before = active(), len(sim().calls)
    start = box.sent
    with session or requests.Session() as session:
        try:
            result = function(session)
            if first_lazily and box.sent > start:
                raise Wrong(
                    f"calling {name}(session) already sent {box.sent - start} request(s): it is "
                    "not lazy, it fetched before anyone asked for an item.",
                    "use `yield from` inside the loop instead of building and returning a list.",
                )
            if not hasattr(result, "__iter__"):
                raise Wrong(
                    f"{name}(session) returned {type(result).__name__}, not items to iterate over.",
                    "yield the items (yield from ...) instead of returning something.",
                )
            for item in result:
                items.append(item)
                if first_lazily and len(items) == 1 and box.sent - start != 1:
                    raise Wrong(
                        f"getting the first item took {box.sent - start} requests; one page is "
                        "enough.",
                        "yield each page's items before you fetch the next page.",
                    )
                if len(items) > limit:
                    break
        except (Wrong, NotImplementedError):
            raise
        except Exception as error:
            raise Wrong(
                f"{name} raised {type(error).__name__} after {len(items)} items: {error}",
                "if a guard fired, the loop went on after the last page: check the stop condition.",
            ) from None
    calls = sim().calls[before:]
    require_timeouts(calls)
    return items, calls


@exercise("08-iter-logs", "iter_logs")
def iter_logs_check(iter_logs):
    items, sent = consume(iter_logs, "iter_logs", 3 * LOG_COUNT, first_lazily=True)
    problem = describe_ids(ids_of(items, "iter_logs", "records"), LOG_COUNT, "records")
    if problem:
        raise Wrong(
            problem,
            'send back each page\'s body["next_cursor"] as `cursor`, and stop when it is None.',
        )
    return (
        f"all {LOG_COUNT} records, in order, in {len(sent)} requests, each sent only when the "
        "previous page had been used up."
    )


# --- 08-articles-bug -----------------------------------------------------------------------------


class _EndlessSession(requests.Session):
    """A server whose pages never end: every answer links to one more page."""

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        response.headers["Link"] = '<https://api.example.com/articles?page=2>; rel="next"'
        return response


def require_loud_guard(iter_articles) -> None:
    """On endless pages the max-pages guard must stop the loop with an exception."""
    done = run(lambda: consume_all(iter_articles(_EndlessSession())), catch=True)
    if done.error is None:
        raise Wrong(
            f"on a server whose pages never end, iter_articles stopped after {len(done.calls)} "
            "requests without a word: a silent guard makes a cut-short download look complete.",
            "when the max-pages guard runs out, raise an error: raise RuntimeError(...)",
        )


def consume_all(items) -> int:
    return sum(1 for _ in items)


@exercise("08-articles-bug", "iter_articles")
def articles_bug(iter_articles):
    items, sent = consume(iter_articles, "iter_articles", 3 * ARTICLE_COUNT, first_lazily=False)
    problem = describe_ids(ids_of(items, "iter_articles", "articles"), ARTICLE_COUNT, "articles")
    if problem:
        hint = "yield every page's articles, then stop when that page has no next link."
        if [i["id"] for i in items] == list(range(1, ARTICLE_COUNT - 1)):
            problem += " Articles 41 and 42 are on the last page, the one without a next link."
            hint = "the loop returns before yielding the last page: yield first, then check."
        raise Wrong(problem, hint)
    require_loud_guard(iter_articles)
    return (
        f"all {ARTICLE_COUNT} articles in {len(sent)} requests: yield the page, then look for a "
        "next link. The last page counts too."
    )
