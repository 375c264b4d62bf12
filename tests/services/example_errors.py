"""Assertions on api.example.com's one error shape, shared by its test modules."""

from __future__ import annotations


def assert_error(response, status: int, code: str, message: str | None = None) -> dict:
    """Check the whole error shape and return its inner object."""
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/json"
    body = response.get_json()
    assert list(body) == ["error"]
    error = body["error"]
    assert list(error) == ["status", "code", "message", "details"]
    assert error["status"] == status
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"].endswith(".")
    if message is not None:
        assert error["message"] == message
    return error


def problems(response) -> list[dict]:
    """The ``details`` of a 422 validation error."""
    return assert_error(response, 422, "validation_failed")["details"]
