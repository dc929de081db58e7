"""Schemathesis against the web app's OpenAPI spec (issue 8): generated requests
to every route never get a server error, and every error is in the one JSON shape."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from worldwire.store import open_store  # noqa: E402
from worldwire.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def web_schema(code, tmp_path_factory):
    # a small store (two coded articles) keeps each generated request cheap
    path = tmp_path_factory.mktemp("schema_store") / "small.duckdb"
    with open_store(path) as s:
        s.write(code("China and Russia signed an agreement on energy cooperation in Moscow on Tuesday. "
                     "Ukraine accused Russia of shelling the city of Kharkiv overnight, officials said."))
        s.write(code("Japan urged China to release the detained businessman. Beijing rejected the demand "
                     "and said Tokyo should not interfere in its internal affairs."))
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(path))


def test_no_server_errors(web_schema):
    # schemathesis's own pytest plugin does not run under this pytest; its
    # strategies driven by hypothesis directly do the same job
    from hypothesis import given

    operations = [op.ok() for op in web_schema.get_all_operations()]
    assert len(operations) == 9

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            response = case.call(headers={"accept": "application/json"})
            assert response.status_code < 500, (case.path, case.path_parameters, case.query, response.text[:300])
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"ok", "error", "status"} and body["status"] == response.status_code

        check()
