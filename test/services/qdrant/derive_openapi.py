"""Derives, from Qdrant's OpenAPI document (v1.19, Apache-2.0, Qdrant Solutions GmbH), the request and
response schemas of the endpoints the facade serves, structure only, into openapi-subset.json beside this
file. OpenAPI 3.0's `nullable` is rewritten as JSON Schema's `null` type so `jsonschema` can check it.

    python test/services/qdrant/derive_openapi.py ../shared/data/qdrant-openapi-v1.19.json
"""
import json
import sys
from pathlib import Path

# (method, path) of every endpoint the facade serves: exactly those the Qdrant adapter calls.
ENDPOINTS = [
    ("get", "/collections"),
    ("get", "/collections/{collection_name}/exists"),
    ("put", "/collections/{collection_name}"),
    ("put", "/collections/{collection_name}/index"),
    ("put", "/collections/{collection_name}/points"),
    ("post", "/collections/{collection_name}/points"),
    ("post", "/collections/{collection_name}/points/query"),
    ("post", "/collections/{collection_name}/points/scroll"),
    ("post", "/collections/{collection_name}/points/count"),
    ("post", "/collections/{collection_name}/points/delete"),
]
DROP = {"description", "example", "format", "default", "title"}


def without_nullable(node):
    if isinstance(node, list):
        return [without_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        key: ({name: without_nullable(field) for name, field in value.items()} if key == "properties" else without_nullable(value))
        for key, value in node.items()
        if key not in DROP
    }
    if node.pop("nullable", False):
        if set(node) == set():
            return {"type": "null"}
        if "type" in node and "$ref" not in node and "enum" not in node:
            node["type"] = [node["type"], "null"]
        else:
            return {"anyOf": [node, {"type": "null"}]}
    return node


def refs(node, found):
    if isinstance(node, dict):
        if "$ref" in node:
            found.add(node["$ref"].rsplit("/", 1)[1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(source):
    document = json.loads(Path(source).read_text())
    schemas = document["components"]["schemas"]
    operations = {}
    needed = set()
    for method, path in ENDPOINTS:
        operation = document["paths"][path][method]
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        entry = {
            "request": without_nullable(body) if body else None,
            "response": without_nullable(operation["responses"]["200"]["content"]["application/json"]["schema"]),
            "error": without_nullable(operation["responses"]["4XX"]["content"]["application/json"]["schema"]),
        }
        operations[f"{method.upper()} {path}"] = entry
        refs(entry, needed)
    closure = set()
    while needed:
        name = needed.pop()
        if name in closure:
            continue
        closure.add(name)
        refs(schemas[name], needed)
    subset = {
        "source": f"Qdrant OpenAPI {document['info']['version']} ({Path(source).name}), schemas of the endpoints used",
        "licence": "Apache-2.0, Copyright Qdrant Solutions GmbH; derived (structure only) by derive_openapi.py",
        "operations": operations,
        "components": {"schemas": {name: without_nullable(schemas[name]) for name in sorted(closure)}},
    }
    Path(__file__).with_name("openapi-subset.json").write_text(json.dumps(subset, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
