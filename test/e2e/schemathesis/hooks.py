"""Schemathesis hooks: what the OpenAPI document cannot say, taught to the generator instead of excused.

- A page `cursor` is opaque: only one the server issued for the same query is valid, and no schema can say
  which. Generated requests leave it out (the unit tests send forged and foreign cursors).
- `GET /audit` refuses `from` after `to`, which defaults to now (a 400, as its description says); JSON Schema cannot compare two
  parameters, so generated bounds are put in order.
- A concept is never related to itself (a 400, as the operation's summary says): such a `to` is changed.
- An `Idempotency-Key` names one request: the generator repeats short values across different bodies,
  which the API rightly answers 422, so each generated case gets a key of its own.
"""
import uuid
from datetime import datetime, timezone

import schemathesis


def _instant(value):
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return parsed if parsed.tzinfo is not None else None  # the API refuses a time without a zone anyway


@schemathesis.hook
def map_query(ctx, query):
    if not isinstance(query, dict):
        return query
    query.pop("cursor", None)
    start, end = _instant(query.get("from")), _instant(query.get("to"))
    if start is not None and end is not None and start > end:
        query["from"], query["to"] = query["to"], query["from"]
    elif start is not None and "to" not in query and start > datetime.now(timezone.utc):
        query["to"] = query["from"]  # `to` defaults to now, which a future `from` would be after
    return query


@schemathesis.hook
def map_case(ctx, case):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            headers[name] = str(uuid.uuid4())
    body, path = case.body, case.path_parameters or {}
    target = path.get("conceptId")
    if isinstance(body, dict) and isinstance(target, str) and body.get("to") == target:
        # Another id of the same shape: the last character changed.
        body["to"] = target[:-1] + ("A" if target[-1] != "A" else "B")
    return case
