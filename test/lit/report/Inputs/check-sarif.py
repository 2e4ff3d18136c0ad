# Reads heap2stack-report --format=sarif on stdin and asserts the SARIF
# 2.1.0 structure that editors and code-scanning UIs require.
import json
import sys

log = json.load(sys.stdin)
assert log["version"] == "2.1.0"
assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
assert len(log["runs"]) == 1
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "heap2stack"
rules = driver["rules"]
ids = [r["id"] for r in rules]
assert len(ids) == len(set(ids)), "duplicate rule ids"
for r in rules:
    assert r["shortDescription"]["text"]
    print(f"rule {r['id']}: {r['shortDescription']['text']}")
for res in run["results"]:
    assert res["level"] == "note"
    assert res["ruleId"] in ids
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert res["message"]["text"]
    assert res["locations"], "a result needs a location"
    loc = res["locations"][0]
    if "physicalLocation" in loc:
        phys = loc["physicalLocation"]
        region = phys["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        where = f"{phys['artifactLocation']['uri']}:{region['startLine']}:{region['startColumn']}"
    else:
        where = loc["logicalLocations"][0]["name"]
    print(f"result {res['ruleId']} at {where}: {res['message']['text'].splitlines()[0]}")
    for rel in res.get("relatedLocations", []):
        phys = rel["physicalLocation"]
        print(f"  related {rel['id']} {phys['artifactLocation']['uri']}:"
              f"{phys['region']['startLine']}:{phys['region']['startColumn']}: "
              f"{rel['message']['text']}")
print(f"results={len(run['results'])}")
