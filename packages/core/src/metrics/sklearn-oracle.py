"""Oracle for the metrics tests: evaluates a batch of cases with Debian's scikit-learn (run as /usr/bin/python3).

Reads {"cases": [...]} as JSON on stdin, prints {"sklearn", "numpy", "results"} with one result per
case. A metric's result is {"value", "error", "warnings"}: the value sklearn returns (non-finite floats
as the strings "nan", "inf", "-inf"), or the message of the ValueError it raises, and the messages of
the warnings it gives.
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.utils.multiclass import type_of_target


def enc(value):
    value = float(value)
    if np.isnan(value):
        return "nan"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def call(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value, error = enc(function(*args, **kwargs)), None
        except ValueError as exception:
            value, error = None, str(exception)
    return {"value": value, "error": error, "warnings": [str(w.message) for w in caught]}


def classification(case):
    classes = [int(c) for c in case["classes"]] if case["numeric"] else case["classes"]
    names = np.array(classes)
    y = names[np.array(case["labels"], dtype=np.int64)]
    yp = names[np.array(case["predictions"], dtype=np.int64)]
    # None: sklearn's own default pos_label=1 (numeric 0/1 labels only).
    pos = None if case["positive"] is None else classes[case["positive"]]
    binary_kwargs = {} if pos is None else {"pos_label": pos}
    positive = 1 if pos is None else pos
    out = {
        "accuracy": call(metrics.accuracy_score, y, yp),
        "precision": call(metrics.precision_score, y, yp, **binary_kwargs),
        "recall": call(metrics.recall_score, y, yp, **binary_kwargs),
        "f1": call(metrics.f1_score, y, yp, **binary_kwargs),
    }
    for average in ("macro", "weighted"):
        out[f"precision_{average}"] = call(metrics.precision_score, y, yp, average=average)
        out[f"recall_{average}"] = call(metrics.recall_score, y, yp, average=average)
        out[f"f1_{average}"] = call(metrics.f1_score, y, yp, average=average)
    if case["scores"] is not None:
        s = np.array(case["scores"], dtype=np.float64)
        if len(np.union1d(y, yp)) <= 2:
            out["roc_auc"] = call(metrics.roc_auc_score, y == positive, s)
            out["log_loss"] = call(metrics.log_loss, y == positive, s, labels=[False, True])
        else:
            out["roc_auc"] = call(metrics.roc_auc_score, y, s)
            out["log_loss"] = call(metrics.log_loss, y, s)
        out["average_precision"] = call(metrics.average_precision_score, y, s, **binary_kwargs)
    labels = metrics.confusion_matrix(y, yp)
    return {
        "metrics": out,
        "confusion": {"classes": [str(c) for c in np.union1d(y, yp)], "matrix": labels.tolist()},
    }


def regression(case):
    y = np.array(case["actual"], dtype=np.float64)
    yp = np.array(case["predicted"], dtype=np.float64)
    return {
        "metrics": {
            "rmse": call(metrics.mean_squared_error, y, yp, squared=False),
            "mae": call(metrics.mean_absolute_error, y, yp),
            "r2": call(metrics.r2_score, y, yp),
            "r2_not_finite": call(metrics.r2_score, y, yp, force_finite=False),
            "mape": call(metrics.mean_absolute_percentage_error, y, yp),
        }
    }


def summation(case):
    values = np.array(case["values"], dtype=np.float64)
    return {"sum": enc(np.sum(values)), "column_sum": enc(np.sum(values.reshape((-1, 1)), axis=0)[0])}


def target_type(case):
    """type_of_target of labels and predictions, each as numpy reads the column's values (dtype given)."""
    dtype = {"float": np.float64, "int": np.int64, "str": object}
    return {
        name: type_of_target(np.array(case[name], dtype=dtype[case[f"{name}_dtype"]]))
        for name in ("labels", "predictions")
    }


KINDS = {
    "classification": classification,
    "regression": regression,
    "sum": summation,
    "type_of_target": target_type,
}


def main():
    cases = json.load(sys.stdin)["cases"]
    results = [KINDS[case["kind"]](case) for case in cases]
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
