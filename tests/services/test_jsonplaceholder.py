"""jsonplaceholder.typicode.com: the real data and json-server 0.16 behaviour, via requests."""

from __future__ import annotations

import json
import re

import pytest
import requests
import responses

from helpers.services.jsonplaceholder import BASE_URL, HOST, create_app
from helpers.wsgi_bridge import call_app

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
URL = re.compile(r"https?://jsonplaceholder\.typicode\.com(/.*)?")


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def api(app):
    """requests -> responses -> the app, as the simulator wires it."""

    def callback(prepared):
        result = call_app(app, prepared)
        if isinstance(result, Exception):
            return result
        status, headers, body = result
        return status, headers, body

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for method in METHODS:
            mock.add_callback(method, URL, callback=callback)
        yield


def get(path: str, **kwargs) -> requests.Response:
    return requests.get(BASE_URL + path, timeout=5, **kwargs)


# --- data --------------------------------------------------------------------------------------


def test_host():
    assert HOST == "jsonplaceholder.typicode.com"


@pytest.mark.parametrize(
    ("resource", "count"),
    [
        ("posts", 100),
        ("comments", 500),
        ("albums", 100),
        ("photos", 5000),
        ("todos", 200),
        ("users", 10),
    ],
)
def test_each_resource_has_the_real_count(api, resource, count):
    r = get(f"/{resource}")
    assert r.status_code == 200
    items = r.json()
    assert len(items) == count
    assert [item["id"] for item in items] == list(range(1, count + 1))


def test_the_real_first_post_byte_for_byte(api):
    r = get("/posts/1")
    assert r.json() == {
        "userId": 1,
        "id": 1,
        "title": "sunt aut facere repellat provident occaecati excepturi optio reprehenderit",
        "body": "quia et suscipit\nsuscipit recusandae consequuntur expedita et cum\n"
        "reprehenderit molestiae ut ut quas totam\nnostrum rerum est autem sunt rem eveniet "
        "architecto",
    }
    assert r.text.startswith('{\n  "userId": 1,\n  "id": 1,')  # Express: 2-space JSON
    assert r.headers["ETag"] == 'W/"124-yiKdLzqO5gfBrJFrcdJ8Yq0LGnU"'  # the real service's
    assert get("/todos/1").headers["ETag"] == 'W/"53-hfEnumeNh6YirfjyjaujcOPPT+s"'


def test_users_and_photos_are_the_real_ones(api):
    user = get("/users/1").json()
    assert (user["name"], user["username"], user["email"]) == (
        "Leanne Graham",
        "Bret",
        "Sincere@april.biz",
    )
    assert user["address"]["geo"] == {"lat": "-37.3159", "lng": "81.1496"}
    photo = get("/photos/1").json()
    assert photo["url"] == "https://via.placeholder.com/600/92c952"
    assert photo["thumbnailUrl"] == "https://via.placeholder.com/150/92c952"


# --- headers -----------------------------------------------------------------------------------


def test_headers_as_the_real_service(api):
    r = get("/todos/1")
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    assert r.headers["X-Powered-By"] == "Express"
    assert r.headers["Access-Control-Allow-Credentials"] == "true"
    assert r.headers["Vary"] == "Origin, Accept-Encoding"
    assert r.headers["Cache-Control"] == "max-age=43200"
    assert r.headers["Pragma"] == "no-cache"
    assert r.headers["Expires"] == "-1"
    assert "Access-Control-Allow-Origin" not in r.headers  # cors reflects an Origin, if sent
    origin = get("/todos/1", headers={"Origin": "https://example.org"})
    assert origin.headers["Access-Control-Allow-Origin"] == "https://example.org"


def test_if_none_match_gives_304_and_head_has_no_body(api):
    etag = get("/posts/1").headers["ETag"]
    again = get("/posts/1", headers={"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    head = requests.head(BASE_URL + "/posts/1", timeout=5)
    assert (head.status_code, head.content, head.headers["ETag"]) == (200, b"", etag)


def test_preflight(api):
    r = requests.options(
        BASE_URL + "/posts",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
        timeout=5,
    )
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Methods"] == "GET,HEAD,PUT,PATCH,POST,DELETE"


# --- filtering, nested routes ------------------------------------------------------------------


def test_filter_by_a_field(api):
    posts = get("/posts", params={"userId": 1}).json()
    assert len(posts) == 10 and {p["userId"] for p in posts} == {1}
    done = get("/todos", params={"userId": 1, "completed": "true"}).json()
    assert len(done) == 11 and all(t["completed"] for t in done)


def test_repeated_keys_mean_any_of(api):
    posts = get("/posts", params={"userId": [1, 2]}).json()
    assert len(posts) == 20 and {p["userId"] for p in posts} == {1, 2}
    assert [c["id"] for c in get("/comments", params={"id": [3, 1]}).json()] == [1, 3]


def test_unknown_parameters_are_ignored(api):
    assert len(get("/posts", params={"userid": 1, "page": 2}).json()) == 100


def test_operators_and_search(api):
    assert len(get("/posts", params={"id_gte": 95}).json()) == 6
    assert len(get("/posts", params={"id_lte": 3}).json()) == 3
    assert len(get("/todos", params={"userId_ne": 1}).json()) == 180
    assert [u["id"] for u in get("/users", params={"address.city": "Gwenborough"}).json()] == [1]
    assert [u["id"] for u in get("/users", params={"name_like": "^leanne"}).json()] == [1]
    assert [u["id"] for u in get("/users", params={"q": "bret"}).json()] == [1]


@pytest.mark.parametrize(
    ("path", "key", "count"),
    [
        ("/posts/1/comments", "postId", 5),
        ("/users/1/posts", "userId", 10),
        ("/users/1/todos", "userId", 20),
        ("/users/1/albums", "userId", 10),
        ("/albums/1/photos", "albumId", 50),
    ],
)
def test_nested_routes(api, path, key, count):
    items = get(path).json()
    assert len(items) == count and {item[key] for item in items} == {1}
    resource = path.rsplit("/", 1)[1]
    assert items == get(f"/{resource}", params={key: 1}).json()


# --- sorting and slicing -----------------------------------------------------------------------


def test_limit_start_end(api):
    r = get("/posts", params={"_limit": 3})
    assert [p["id"] for p in r.json()] == [1, 2, 3]
    assert r.headers["X-Total-Count"] == "100"
    assert r.headers["Access-Control-Expose-Headers"] == "X-Total-Count"
    assert [p["id"] for p in get("/posts", params={"_start": 10, "_end": 13}).json()] == [
        11,
        12,
        13,
    ]
    assert "X-Total-Count" not in get("/posts").headers


def test_page_with_link_header(api):
    r = get("/posts", params={"_page": 2, "_limit": 20})
    assert [p["id"] for p in r.json()] == list(range(21, 41))
    assert r.headers["X-Total-Count"] == "100"
    base = f"http://{HOST}/posts?_page="
    assert r.headers["Link"] == (
        f'<{base}1&_limit=20>; rel="first", <{base}1&_limit=20>; rel="prev", '
        f'<{base}3&_limit=20>; rel="next", <{base}5&_limit=20>; rel="last"'
    )
    assert set(r.links) == {"first", "prev", "next", "last"}
    assert len(get("/posts", params={"_page": 1}).json()) == 10  # _limit defaults to 10
    assert get("/posts", params={"_page": 6, "_limit": 20}).json() == []


def test_sort_and_order(api):
    ids = [t["id"] for t in get("/todos", params={"_sort": "id", "_order": "desc"}).json()]
    assert ids == list(range(200, 0, -1))
    users = get("/users", params={"_sort": "username"}).json()
    assert [u["username"] for u in users] == sorted(u["username"] for u in users)
    two = get("/todos", params={"_sort": "userId,id", "_order": "desc,asc", "_limit": 2}).json()
    assert [(t["userId"], t["id"]) for t in two] == [(10, 181), (10, 182)]


def test_embed_and_expand(api):
    post = get("/posts/1", params={"_embed": "comments", "_expand": "user"}).json()
    assert len(post["comments"]) == 5 and post["user"]["username"] == "Bret"


# --- writes are faked --------------------------------------------------------------------------


def test_post_answers_201_with_the_next_id_and_keeps_nothing(api):
    r = requests.post(
        BASE_URL + "/posts", json={"title": "foo", "body": "bar", "userId": 1}, timeout=5
    )
    assert r.status_code == 201
    assert r.json() == {"title": "foo", "body": "bar", "userId": 1, "id": 101}
    assert list(r.json()) == ["title", "body", "userId", "id"]
    assert r.headers["Location"] == f"http://{HOST}/posts/101"
    assert get("/posts/101").status_code == 404
    assert len(get("/posts").json()) == 100
    again = requests.post(BASE_URL + "/comments", json={}, timeout=5)
    assert again.json() == {"id": 501}


def test_post_without_json_content_type_echoes_strings_or_nothing(api):
    form = requests.post(BASE_URL + "/posts", data={"title": "foo", "userId": 1}, timeout=5)
    assert form.json() == {"title": "foo", "userId": "1", "id": 101}
    raw = requests.post(BASE_URL + "/posts", data=json.dumps({"title": "foo"}), timeout=5)
    assert raw.json() == {"id": 101}  # no Content-Type: body-parser reads nothing


def test_nested_post_sets_the_parent_id_as_a_string(api):
    r = requests.post(BASE_URL + "/posts/1/comments", json={"name": "hi"}, timeout=5)
    assert (r.status_code, r.json()) == (201, {"name": "hi", "postId": "1", "id": 501})


def test_put_patch_delete(api):
    put = requests.put(BASE_URL + "/posts/1", json={"title": "foo"}, timeout=5)
    assert (put.status_code, put.json()) == (200, {"title": "foo", "id": 1})
    patch = requests.patch(BASE_URL + "/posts/1", json={"title": "foo"}, timeout=5)
    assert patch.json() == {**get("/posts/1").json(), "title": "foo"}
    delete = requests.delete(BASE_URL + "/posts/1", timeout=5)
    assert (delete.status_code, delete.json()) == (200, {})
    assert get("/posts/1").json()["title"].startswith("sunt aut")


def test_unknowns_are_404_with_an_empty_object(api):
    for path in ("/posts/101", "/posts/0", "/posts/01", "/nothing", "/posts/1/2/3"):
        r = get(path)
        assert (r.status_code, r.text) == (404, "{}"), path
    assert requests.delete(BASE_URL + "/posts", timeout=5).status_code == 404


def test_put_on_a_missing_id_is_the_real_500(api):
    r = requests.put(BASE_URL + "/posts/101", json={"title": "foo"}, timeout=5)
    assert r.status_code == 500
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert r.text.startswith("TypeError:")


def test_malformed_json_is_json_servers_500(api):
    r = requests.post(
        BASE_URL + "/posts",
        data='{"title": "foo",}',
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert r.status_code == 500
    assert r.text == "SyntaxError: Unexpected token } in JSON at position 16"


def test_deeply_nested_json_is_answered_quietly(api, capfd):
    deep = "[" * 100_000 + "]" * 100_000
    r = requests.post(
        BASE_URL + "/posts", data=deep, headers={"Content-Type": "application/json"}, timeout=5
    )
    assert r.status_code == 500
    assert r.text == "RangeError: Maximum call stack size exceeded"
    assert capfd.readouterr() == ("", "")


def test_two_apps_answer_the_same_bytes():
    first, second = create_app().test_client(), create_app().test_client()
    for path in ("/posts?_page=3", "/users/4", "/comments?postId=7"):
        assert first.get(path).data == second.get(path).data
