#!/usr/bin/env python3
"""The scikit-learn side of the feature-pipeline benchmark: read the data benchmark's CSV with pandas, then
fit_transform and transform it with a ColumnTransformer equal to Workbench's FeaturePipelineCommand.Pipeline,
timed in-process (run under /usr/bin/time for CPU time and peak memory).

    /usr/bin/python3 benchmarks/features/sklearn_side.py /tmp/wb-bench/profile-1000000.csv
"""
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, MinMaxScaler, OneHotEncoder, StandardScaler


def pipeline() -> ColumnTransformer:
    floats = [f"f{i:02d}" for i in range(18)]
    return ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), floats),
            ("counts", MinMaxScaler(), ["visits", "stay_days", "score", "year", "dose_mg"]),
            ("age", KBinsDiscretizer(n_bins=5, strategy="quantile", encode="onehot-dense", subsample=None), ["age"]),
            ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
             ["sex", "smoker", "department", "insurance", "site"]),
        ],
        remainder="passthrough",
        sparse_threshold=0,
    )


def main() -> None:
    path = sys.argv[1]
    start = time.perf_counter()
    frame = pd.read_csv(path)
    loaded = time.perf_counter()
    transformer = pipeline()
    fitted = transformer.fit_transform(frame)
    fit_done = time.perf_counter()
    transformed = transformer.transform(frame)
    done = time.perf_counter()
    print(f"shape={fitted.shape[0]}x{fitted.shape[1]} sum={float(np.sum(fitted.astype(np.float32), dtype=np.float64))!r} "
          f"transform_sum={float(np.sum(transformed.astype(np.float32), dtype=np.float64))!r} sklearn={sklearn.__version__}")
    print(f"threads=1 load_s={loaded - start:.3f} fit_transform_s={fit_done - loaded:.3f} transform_s={done - fit_done:.3f} total_s={done - loaded:.3f}")


if __name__ == "__main__":
    main()
