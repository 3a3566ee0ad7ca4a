"""A test-only Qdrant REST server whose engine is Qdrant's own: qdrant-edge-py (module qdrant_edge) runs
Qdrant's segment engine in process, one EdgeShard per collection. It serves only the endpoints the Qdrant
adapter calls, with Qdrant's envelope ({"result", "status": "ok", "time"}), status codes and error shape
({"status": {"error"}, "time"}). Every request body and response body is checked against Qdrant's OpenAPI
schemas (openapi-subset.json); a mismatch is answered 500 and kept, and GET /__facade/violations lists them,
so the tests fail on any drift from the real API.

    python qdrant_facade.py --port 6333 --data /tmp/qdrant-facade

Stops when its standard input closes (so a killed test runner never leaves it behind).
"""
import argparse
import json
import re
import shutil
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import qdrant_edge as qe

SUBSET = json.loads(Path(__file__).with_name("openapi-subset.json").read_text())
COMPONENTS = SUBSET["components"]
DISTANCES = {"Cosine": qe.Distance.Cosine, "Euclid": qe.Distance.Euclid, "Dot": qe.Distance.Dot, "Manhattan": qe.Distance.Manhattan}
MODIFIERS = {"idf": qe.Modifier.Idf}
SCHEMA_TYPES = {"keyword": qe.PayloadSchemaType.Keyword, "integer": qe.PayloadSchemaType.Integer, "float": qe.PayloadSchemaType.Float, "bool": qe.PayloadSchemaType.Bool, "uuid": qe.PayloadSchemaType.Uuid}
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,255}$")


class QdrantError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def validator(schema):
    return jsonschema.Draft7Validator({**schema, "components": COMPONENTS})


VALIDATORS = {
    key: {part: validator(schema) for part, schema in entry.items() if schema is not None}
    for key, entry in SUBSET["operations"].items()
}


class Facade:
    def __init__(self, data_dir):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.shards = {}
        self.lock = threading.Lock()
        self.violations = []

    def shard(self, name):
        shard = self.shards.get(name)
        if shard is None:
            raise QdrantError(404, f"Not found: Collection `{name}` doesn't exist!")
        return shard

    # ---- collections ----------------------------------------------------------------------------
    def list_collections(self, _name, _body, _query):
        return {"collections": [{"name": name} for name in sorted(self.shards)]}

    def exists(self, name, _body, _query):
        return {"exists": name in self.shards}

    def create_collection(self, name, body, _query):
        if not NAME.match(name):
            raise QdrantError(422, f"Validation error in path parameters: [name: invalid collection name {name}]")
        if name in self.shards:
            raise QdrantError(409, f"Wrong input: Collection `{name}` already exists!")
        vectors = body.get("vectors") or {}
        if "size" in vectors:
            vectors = {"": vectors}
        params = {
            vector_name: qe.EdgeVectorParams(size=spec["size"], distance=DISTANCES[spec["distance"]])
            for vector_name, spec in vectors.items()
        }
        sparse = {
            vector_name: qe.EdgeSparseVectorParams(modifier=MODIFIERS.get((spec or {}).get("modifier")))
            for vector_name, spec in (body.get("sparse_vectors") or {}).items()
        }
        hnsw = body.get("hnsw_config") or {}
        scalar = (body.get("quantization_config") or {}).get("scalar")
        config = qe.EdgeConfig(
            vectors=params,
            sparse_vectors=sparse or None,
            hnsw_config=qe.HnswIndexConfig(m=hnsw.get("m", 16), ef_construct=hnsw.get("ef_construct", 100), full_scan_threshold=10000),
            quantization_config=qe.ScalarQuantizationConfig(type=qe.ScalarType.Int8, always_ram=scalar.get("always_ram")) if scalar else None,
        )
        path = self.data_dir / name
        shutil.rmtree(path, ignore_errors=True)
        self.shards[name] = qe.EdgeShard.create(str(path), config)
        return True

    def create_index(self, name, body, _query):
        schema = body.get("field_schema")
        if schema not in SCHEMA_TYPES:
            raise QdrantError(400, f"Bad request: unsupported field_schema {schema!r} in this facade")
        self.shard(name).update(qe.UpdateOperation.create_field_index(body["field_name"], SCHEMA_TYPES[schema]))
        return update_result()

    # ---- points -----------------------------------------------------------------------------------
    def upsert(self, name, body, _query):
        shard = self.shard(name)
        if "points" not in body:
            raise QdrantError(400, "Bad request: this facade takes the `points` form of an upsert only")
        points = [qe.Point(point_id(point["id"]), vector_input(point["vector"]), point.get("payload")) for point in body["points"]]
        try:
            shard.update(qe.UpdateOperation.upsert_points(points))
        except Exception as error:  # the engine's own refusal, e.g. a vector of the wrong size
            raise QdrantError(400, f"Wrong input: {error}") from error
        return update_result()

    def query(self, name, body, _query):
        shard = self.shard(name)
        prefetch = body.get("prefetch")
        if isinstance(prefetch, dict):
            prefetch = [prefetch]
        request = qe.QueryRequest(
            limit=body.get("limit", 10),
            offset=body.get("offset"),
            query=scoring_query(body),
            prefetches=[to_prefetch(stage) for stage in prefetch] if prefetch else None,
            filter=to_filter(body.get("filter")),
            score_threshold=body.get("score_threshold"),
            with_payload=body.get("with_payload", False),
            with_vector=body.get("with_vector", False),
        )
        try:
            points = shard.query(request)
        except Exception as error:
            raise QdrantError(400, f"Wrong input: {error}") from error
        return {"points": [scored(point) for point in points]}

    def retrieve(self, name, body, _query):
        records = self.shard(name).retrieve(
            [point_id(value) for value in body["ids"]],
            with_payload=body.get("with_payload", True),
            with_vector=body.get("with_vector", False),
        )
        return [record_json(record) for record in records]

    def scroll(self, name, body, _query):
        offset = body.get("offset")
        records, next_offset = self.shard(name).scroll(
            qe.ScrollRequest(
                offset=None if offset is None else point_id(offset),
                limit=body.get("limit", 10),
                filter=to_filter(body.get("filter")),
                with_payload=body.get("with_payload", True),
                with_vector=body.get("with_vector", False),
            )
        )
        return {"points": [record_json(record) for record in records], "next_page_offset": id_json(next_offset)}

    def count(self, name, body, _query):
        return {"count": self.shard(name).count(qe.CountRequest(filter=to_filter(body.get("filter")), exact=body.get("exact", True)))}

    def delete(self, name, body, _query):
        shard = self.shard(name)
        if "filter" in body:
            shard.update(qe.UpdateOperation.delete_points_by_filter(to_filter(body["filter"])))
        else:
            shard.update(qe.UpdateOperation.delete_points([point_id(value) for value in body["points"]]))
        return update_result()


def vector_input(value):
    """A point's vector(s) in the engine's types: sparse ones ({"indices", "values"}) become SparseVector."""
    if isinstance(value, dict) and "indices" in value:
        return qe.SparseVector(value["indices"], value["values"])
    if isinstance(value, dict):
        return {vector_name: vector_input(vector) for vector_name, vector in value.items()}
    return value


def scoring_query(body):
    """The `query` of a query request or prefetch: a dense or sparse nearest query, or RRF over prefetches."""
    query = body.get("query")
    if isinstance(query, dict) and "nearest" in query:
        query = query["nearest"]
    if isinstance(query, dict) and "rrf" in query:
        rrf = query["rrf"] or {}
        return qe.Fusion.Rrf(k=rrf.get("k") or 2, weights=rrf.get("weights"))
    if query == {"fusion": "rrf"}:
        return qe.Fusion.Rrf(k=2)
    if isinstance(query, list) or (isinstance(query, dict) and "indices" in query):
        return qe.Query.Nearest(vector_input(query), using=body.get("using"))
    raise QdrantError(400, "Bad request: this facade takes nearest (dense or sparse) and rrf queries only")


def to_prefetch(stage):
    nested = stage.get("prefetch")
    if isinstance(nested, dict):
        nested = [nested]
    return qe.Prefetch(
        limit=stage.get("limit") or 10,
        query=scoring_query(stage),
        prefetches=[to_prefetch(inner) for inner in nested] if nested else None,
        filter=to_filter(stage.get("filter")),
        score_threshold=stage.get("score_threshold"),
    )


def update_result():
    return {"operation_id": 0, "status": "completed"}


def point_id(value):
    if isinstance(value, int):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise QdrantError(400, f"Bad request: Unable to parse UUID: {value}") from error


def id_json(value):
    if value is None or isinstance(value, int):
        return value
    return str(value)


def vectors_json(vector):
    if vector is None:
        return None
    if isinstance(vector, qe.SparseVector):
        return {"indices": list(vector.indices), "values": list(vector.values)}
    if isinstance(vector, dict):
        return {name: vectors_json(values) for name, values in vector.items()}
    return list(vector)


def record_json(record):
    return {"id": id_json(record.id), "payload": record.payload, "vector": vectors_json(record.vector)}


def scored(point):
    return {
        "id": id_json(point.id),
        "version": point.version,
        "score": point.score,
        "payload": point.payload,
        "vector": vectors_json(point.vector),
    }


def condition(spec):
    if "key" not in spec:
        raise QdrantError(400, "Bad request: this facade takes field conditions only")
    match = spec.get("match") or {}
    if "value" in match:
        return qe.FieldCondition(spec["key"], match=qe.MatchValue(match["value"]))
    if "any" in match:
        return qe.FieldCondition(spec["key"], match=qe.MatchAny(match["any"]))
    raise QdrantError(400, "Bad request: this facade takes `value` and `any` matches only")


def to_filter(spec):
    if not spec:
        return None
    return qe.Filter(
        must=[condition(item) for item in spec.get("must") or []] or None,
        should=[condition(item) for item in spec.get("should") or []] or None,
        must_not=[condition(item) for item in spec.get("must_not") or []] or None,
    )


ROUTES = [
    ("GET", re.compile(r"^/collections$"), "GET /collections", "list_collections"),
    ("GET", re.compile(r"^/collections/([^/]+)/exists$"), "GET /collections/{collection_name}/exists", "exists"),
    ("PUT", re.compile(r"^/collections/([^/]+)$"), "PUT /collections/{collection_name}", "create_collection"),
    ("PUT", re.compile(r"^/collections/([^/]+)/index$"), "PUT /collections/{collection_name}/index", "create_index"),
    ("PUT", re.compile(r"^/collections/([^/]+)/points$"), "PUT /collections/{collection_name}/points", "upsert"),
    ("POST", re.compile(r"^/collections/([^/]+)/points$"), "POST /collections/{collection_name}/points", "retrieve"),
    ("POST", re.compile(r"^/collections/([^/]+)/points/query$"), "POST /collections/{collection_name}/points/query", "query"),
    ("POST", re.compile(r"^/collections/([^/]+)/points/scroll$"), "POST /collections/{collection_name}/points/scroll", "scroll"),
    ("POST", re.compile(r"^/collections/([^/]+)/points/count$"), "POST /collections/{collection_name}/points/count", "count"),
    ("POST", re.compile(r"^/collections/([^/]+)/points/delete$"), "POST /collections/{collection_name}/points/delete", "delete"),
]


def make_handler(facade, api_key):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args):
            pass

        def _send(self, status, document):
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _check(self, key, part, document):
            checker = VALIDATORS.get(key, {}).get(part)
            if checker is None:
                return
            errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in checker.iter_errors(document)]
            if errors:
                facade.violations.append({"operation": key, "part": part, "errors": errors[:5]})
                raise QdrantError(500, f"facade: {part} of {key} breaks Qdrant's OpenAPI schema: {errors[0]}")

        def _handle(self, method):
            started = time.perf_counter()
            path, _, query = self.path.partition("?")
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            if path == "/__facade/violations" and method == "GET":
                return self._send(200, facade.violations)
            if api_key is not None and self.headers.get("api-key") != api_key:
                return self._send(401, {"status": {"error": "Must provide an API key or an Authorization bearer token"}, "time": 0})
            for route_method, pattern, key, action in ROUTES:
                match = pattern.match(path)
                if route_method != method or match is None:
                    continue
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError as error:
                    return self._send(400, {"status": {"error": f"Format error in JSON body: {error}"}, "time": 0})
                try:
                    if raw:
                        self._check(key, "request", body)
                    with facade.lock:
                        result = getattr(facade, action)(match.group(1) if match.groups() else None, body, query)
                    document = {"result": result, "status": "ok", "time": time.perf_counter() - started}
                    self._check(key, "response", document)
                    return self._send(200, document)
                except QdrantError as error:
                    document = {"status": {"error": str(error)}, "time": time.perf_counter() - started}
                    if error.status < 500:
                        self._check(key, "error", document)
                    return self._send(error.status, document)
            return self._send(404, {"status": {"error": f"Not found: {method} {path}"}, "time": 0})

        def do_GET(self):
            self._handle("GET")

        def do_PUT(self):
            self._handle("PUT")

        def do_POST(self):
            self._handle("POST")

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--api-key")
    options = parser.parse_args()
    facade = Facade(options.data)
    server = ThreadingHTTPServer(("127.0.0.1", options.port), make_handler(facade, options.api_key))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"QDRANT FACADE READY http://127.0.0.1:{options.port}", flush=True)
    sys.stdin.read()  # returns when the parent closes our stdin or dies
    server.shutdown()
    for shard in facade.shards.values():
        shard.close()
    shutil.rmtree(options.data, ignore_errors=True)


if __name__ == "__main__":
    main()
