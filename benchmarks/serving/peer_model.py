"""What both Python peers share: the model, and the SageMaker-style CSV -> JSON handling.

The model is WB_SERVING_MODEL (a joblib Pipeline written by train_sklearn.py), loaded once per worker process.
Parsing uses numpy.loadtxt (numpy's C reader). SageMaker's scikit-learn container decodes text/csv with
numpy.genfromtxt, which costs about 150 us more per single-row request here; the peers use the faster reader so
the comparison does not flatter Workbench.
"""
import io
import json
import os

import joblib
import numpy as np

MODEL = joblib.load(os.environ["WB_SERVING_MODEL"])
FEATURES = MODEL.n_features_in_


def predict_csv(body: bytes) -> bytes:
    """Rows of text/csv (no header) -> {"predictions": [label, ...]} as UTF-8 JSON. Raises ValueError on bad input."""
    rows = np.loadtxt(io.BytesIO(body), delimiter=",", dtype=np.float64, ndmin=2)
    if rows.shape[0] == 0 or rows.shape[1] != FEATURES:
        raise ValueError(f"expected rows of {FEATURES} comma-separated numbers, got shape {rows.shape}")
    return json.dumps({"predictions": MODEL.predict(rows).tolist()}).encode()


def error_body(message: str) -> bytes:
    return json.dumps({"error": message}).encode()
