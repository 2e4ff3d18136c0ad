# Reads heap2stack-report --format=json on stdin and checks its shape:
# an array of remark objects with the documented keys and types.
import json
import sys

remarks = json.load(sys.stdin)
assert isinstance(remarks, list), "not an array"
keys = {"file", "line", "column", "function", "pass", "kind", "name",
        "message", "callee", "size", "reason", "args"}
for r in remarks:
    missing = keys - r.keys()
    assert not missing, f"missing {missing} in {r}"
    assert r["kind"] in ("passed", "missed", "analysis", "failure", "unknown")
    assert isinstance(r["args"], dict)
    assert r["file"] is None or isinstance(r["line"], int)
    assert "String" not in r["args"], "String args are prose, not data"
    print(f"{r['kind']} {r['name']} {r['function']} size={r['size']!r} "
          f"reason={r['reason']!r}")
print(f"count={len(remarks)}")
