"""Before timing: does a server answer the benchmark bodies with the Workbench model's labels?

usage: check_predictions.py URL BODY_CSV REFERENCE_CSV [--any-labels]

POSTs BODY_CSV as text/csv (Accept: application/json) to URL/invocations, expects 200 and JSON, and compares the
predicted labels with the first rows of REFERENCE_CSV (workbench_predictions.csv: label,p_malignant per data row).
Accepts the usual answer shapes: {"predictions": [...]} or a bare list, each item a label or an object with
"label" / "predicted_label" / "prediction". --any-labels (the constant endpoint) checks status, JSON and row count
only. Prints one line; exits 1 on any difference.
"""
import csv
import json
import sys
import urllib.request


def labels_of(answer):
    items = answer.get("predictions", answer) if isinstance(answer, dict) else answer
    if not isinstance(items, list):
        raise ValueError(f"no list of predictions in {str(answer)[:200]}")
    labels = []
    for item in items:
        if isinstance(item, dict):
            item = next((item[k] for k in ("label", "predicted_label", "prediction") if k in item), None)
        if isinstance(item, list) and len(item) == 1:
            item = item[0]
        if not isinstance(item, str):
            raise ValueError(f"cannot read a label from {str(item)[:100]}")
        labels.append(item)
    return labels


def main(url, body_path, reference_path, *flags):
    body = open(body_path, "rb").read()
    rows = body.count(b"\n")
    request = urllib.request.Request(f"{url}/invocations", data=body, method="POST",
                                     headers={"Content-Type": "text/csv", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        status, content_type, raw = response.status, response.headers.get("Content-Type", ""), response.read()
    if status != 200 or "json" not in content_type:
        print(f"{url}: status {status}, content type {content_type!r}; expected 200 and JSON")
        return 1
    labels = labels_of(json.loads(raw))
    if len(labels) != rows:
        print(f"{url}: {len(labels)} predictions for {rows} rows")
        return 1
    if "--any-labels" in flags:
        print(f"{url}: {rows} row(s) -> 200, {rows} predictions (constant answer, labels not compared)")
        return 0
    with open(reference_path, newline="") as f:
        expected = [row["label"] for row in csv.DictReader(f)][:rows]
    wrong = [i for i, (a, b) in enumerate(zip(labels, expected)) if a != b]
    if wrong:
        i = wrong[0]
        print(f"{url}: {len(wrong)} of {rows} labels differ from Workbench's; first at row {i + 1}: {labels[i]!r} != {expected[i]!r}")
        return 1
    print(f"{url}: {rows} row(s) -> 200, all {rows} labels equal Workbench's")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
