"""The ``responses`` mock the simulator runs (placeholder: being built).

``CourseRequestsMock`` is a :class:`responses.RequestsMock` that behaves more like a real
connection pool: timeouts are validated as urllib3 validates them, and timeouts are retried
through the mounted ``urllib3.Retry`` as a real socket's would be.
"""

from __future__ import annotations

import responses


class CourseRequestsMock(responses.RequestsMock):
    pass
