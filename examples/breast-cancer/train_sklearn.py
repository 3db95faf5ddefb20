"""Trains the breast-cancer classifier with scikit-learn; run by `mlci train` (see docs/train.md).

mlci passes the parameters (MLCI_PARAMS_FILE, a JSON file), the outputs directory (MLCI_OUTPUTS) and the
metrics file to write (MLCI_METRICS_FILE). Deterministic: the same data and parameters give the same model
bytes, so a run and its cache hit have the same output digest.
"""
import csv
import json
import os
import pickle

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    features = [c for c in rows[0] if c not in ("sample_id", "diagnosis")]
    x = np.array([[float(r[c]) for c in features] for r in rows])
    y = np.array([r["diagnosis"] == "malignant" for r in rows], dtype=int)
    return x, y


params = {}
if os.environ.get("MLCI_PARAMS_FILE"):
    with open(os.environ["MLCI_PARAMS_FILE"]) as f:
        params = json.load(f)
outputs = os.environ.get("MLCI_OUTPUTS", "model")
metrics_file = os.environ.get("MLCI_METRICS_FILE", "metrics.json")

x_train, y_train = read("data/train.csv")
x_test, y_test = read("data/test.csv")
model = make_pipeline(StandardScaler(), LogisticRegression(C=float(params.get("C", 1.0)), max_iter=1000))
model.fit(x_train, y_train)
scores = model.predict_proba(x_test)[:, 1]
predictions = (scores >= 0.5).astype(int)

os.makedirs(outputs, exist_ok=True)
with open(os.path.join(outputs, "model.pkl"), "wb") as f:
    pickle.dump(model, f, protocol=4)
with open(metrics_file, "w") as f:
    json.dump(
        {
            "accuracy": accuracy_score(y_test, predictions),
            "f1": f1_score(y_test, predictions),
            "roc_auc": roc_auc_score(y_test, scores),
        },
        f,
        indent=2,
    )
print(f"test accuracy {accuracy_score(y_test, predictions):.3f}")
