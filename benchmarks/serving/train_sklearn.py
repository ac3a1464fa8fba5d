"""Trains the peers' model and writes the request bodies.

usage: train_sklearn.py BREAST_CANCER_CSV WORKBENCH_PREDICTIONS_CSV OUTDIR

- OUTDIR/model.joblib: Pipeline(StandardScaler, LogisticRegression) fitted on every row of breast_cancer.csv,
  the same data and settings (C=1, lbfgs, max_iter=100) as the Workbench model (ServingModelCommand).
- OUTDIR/body_1.csv, OUTDIR/body_100.csv: text/csv request bodies without a header, the feature columns in file
  order (the schema order), copied verbatim from the data file's first 1 and 100 rows.
- Checks the two models agree on every row before anything is served: the same label, P(malignant) within 1e-3
  (Workbench scales in float32, scikit-learn in float64). Exits 1 when they do not.
"""
import csv
import json
import sys

import joblib
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

LABEL = "diagnosis"


def main(data_path, workbench_predictions, out):
    frame = pd.read_csv(data_path)
    x = frame.drop(columns=[LABEL]).to_numpy(dtype=np.float64)
    y = frame[LABEL].to_numpy()
    model = Pipeline([("scale", StandardScaler()), ("logistic", LogisticRegression(C=1.0, max_iter=100))])
    model.fit(x, y)
    joblib.dump(model, f"{out}/model.joblib")

    with open(data_path, newline="") as f:
        rows = list(csv.reader(f))
    label_at = rows[0].index(LABEL)
    features = [[cell for i, cell in enumerate(row) if i != label_at] for row in rows[1:]]
    for n in (1, 100):
        with open(f"{out}/body_{n}.csv", "w") as f:
            f.write("".join(",".join(row) + "\n" for row in features[:n]))

    theirs = pd.read_csv(workbench_predictions)
    ours_labels = model.predict(x)
    malignant = list(model.classes_).index("malignant")
    ours_p = model.predict_proba(x)[:, malignant]
    label_mismatch = int((ours_labels != theirs["label"].to_numpy()).sum())
    max_dp = float(np.abs(ours_p - theirs["p_malignant"].to_numpy()).max())
    report = {"rows": len(y), "label_mismatches": label_mismatch, "max_abs_probability_difference": max_dp,
              "sklearn_train_accuracy": float((ours_labels == y).mean())}
    print(json.dumps(report))
    with open(f"{out}/model_agreement.json", "w") as f:
        json.dump(report, f, indent=2)
    if label_mismatch or max_dp > 1e-3:
        print("the scikit-learn and Workbench models disagree; the comparison would not serve the same model", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
