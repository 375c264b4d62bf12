"""Simulated jsonplaceholder.typicode.com (placeholder: being built)."""

from __future__ import annotations

from flask import Flask

HOST = "jsonplaceholder.typicode.com"


def create_app() -> Flask:
    return Flask("jsonplaceholder")
