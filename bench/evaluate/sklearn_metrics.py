"""The baseline of bench/evaluate: scikit-learn computing the binary classification metrics of `mlci evaluate`
once, for the candidate and the baseline model, without any bootstrap (Debian's /usr/bin/python3).

Usage: sklearn_metrics.py CSV RUNS [--no-slices]. Reads the CSV with pandas (timed apart), then RUNS times: the
seven metrics for both models on all rows ("overall"), and the same per value of each slice column ("slices",
left out with --no-slices).
Prints one JSON object: versions, load seconds, the wall seconds of every run, the overall metrics.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as skm

SLICE_COLUMNS = ["region", "device"]
MODELS = ["candidate", "baseline"]


def binary_metrics(y, prediction, score):
    return {
        "accuracy": skm.accuracy_score(y, prediction),
        "precision": skm.precision_score(y, prediction),
        "recall": skm.recall_score(y, prediction),
        "f1": skm.f1_score(y, prediction),
        "roc_auc": skm.roc_auc_score(y, score),
        "average_precision": skm.average_precision_score(y, score),
        "log_loss": skm.log_loss(y, score),
    }


def overall(columns):
    return {m: binary_metrics(columns["label"], columns[f"{m}_prediction"], columns[f"{m}_score"]) for m in MODELS}


def per_slice(frame):
    out = {}
    for column in SLICE_COLUMNS:
        for value, rows in frame.groupby(column, sort=True):
            out[f"{column}={value}"] = {
                m: binary_metrics(rows["label"].to_numpy(), rows[f"{m}_prediction"].to_numpy(), rows[f"{m}_score"].to_numpy())
                for m in MODELS
            }
    return out


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    slices = "--no-slices" not in sys.argv[3:]
    start = time.perf_counter()
    frame = pd.read_csv(path)
    load_seconds = time.perf_counter() - start
    columns = {name: frame[name].to_numpy() for name in frame.columns if name not in SLICE_COLUMNS}
    overall_seconds = []
    slice_seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        result = overall(columns)
        overall_seconds.append(time.perf_counter() - start)
        if slices:
            start = time.perf_counter()
            per_slice(frame)
            slice_seconds.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__},
                "python": sys.version.split()[0],
                "rows": len(frame),
                "load_seconds": load_seconds,
                "overall_seconds": overall_seconds,
                "slice_seconds": slice_seconds,
                "metrics": result,
            }
        )
    )


if __name__ == "__main__":
    main()
