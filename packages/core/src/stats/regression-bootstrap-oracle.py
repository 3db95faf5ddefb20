"""Oracle for regression-bootstrap.test.ts (Debian's /usr/bin/python3: numpy 1.24, scikit-learn 1.2.1).

Reads one JSON object on stdin:
  {"weighted": [{"actual", "candidate", "baseline", "weights"}],
   "cases": [{"name", "actual", "candidate", "baseline", "resamples", "confidence", "seed"}],
   "enumerated": [{"name", "actual", "candidate", "baseline"}]}
and prints one JSON object:
  "weighted": per item, {"candidate": {metric: value}, "baseline": {...}}: scikit-learn with sample_weight.
  "cases": per case, the paired bootstrap done the obvious way: each resample draws n row indexes with
    numpy's own generator (default_rng(seed).integers) and scores both models on the drawn rows (vectorised;
    the first resamples, and every resample whose drawn y are all equal, are recomputed with scikit-learn on
    the drawn rows and must agree to 1e-9). {"point": {metric: delta by scikit-learn on all rows},
    "quantiles": {metric: [lo, hi]}, "sparsity": {metric: [dQ/dq at lo, at hi]}}; the sparsity turns a
    resample count into the standard error of a quantile: sqrt(q (1 - q) / R) * dQ/dq.
  "enumerated": per item, every one of the n^n equally likely index sequences (small n): the exact bootstrap
    distribution of the delta, {metric: [[value, P(delta <= value)], ...]} at each of its values, and
    "constantShare", the share of resamples whose drawn y are all equal.
"""
import itertools
import json
import sys
import warnings

import numpy as np
from sklearn import metrics as skm

METRICS = ("rmse", "mae", "r2", "mape")
SKLEARN_CHECKS = 3
CHUNK = 500
EPS = np.finfo(np.float64).eps


def sklearn_metrics(y, pred, weights=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "rmse": skm.mean_squared_error(y, pred, sample_weight=weights, squared=False),
            "mae": skm.mean_absolute_error(y, pred, sample_weight=weights),
            "r2": skm.r2_score(y, pred, sample_weight=weights),
            "mape": skm.mean_absolute_percentage_error(y, pred, sample_weight=weights),
        }


def drawn_metrics(y, pred):
    """Each row of y, pred (one resample each): scikit-learn's metrics, r2 with its force_finite rule."""
    e = y - pred
    squared = (e * e).sum(axis=1)
    n = y.shape[1]
    deviation = y - y.mean(axis=1, keepdims=True)
    spread = (deviation * deviation).sum(axis=1)
    constant = y.min(axis=1) == y.max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.where(squared == 0, 1.0, np.where(constant | (spread == 0), 0.0, 1 - squared / spread))
    return {
        "rmse": np.sqrt(squared / n),
        "mae": np.abs(e).mean(axis=1),
        "r2": r2,
        "mape": (np.abs(e) / np.maximum(np.abs(y), EPS)).mean(axis=1),
    }


def drawn_deltas(actual, candidate, baseline, idx):
    y = actual[idx]
    c = drawn_metrics(y, candidate[idx])
    b = drawn_metrics(y, baseline[idx])
    return {m: c[m] - b[m] for m in METRICS}, y.min(axis=1) == y.max(axis=1)


def check_with_sklearn(name, actual, candidate, baseline, rows, got):
    want_c = sklearn_metrics(actual[rows], candidate[rows])
    want_b = sklearn_metrics(actual[rows], baseline[rows])
    for m in METRICS:
        expected = want_c[m] - want_b[m]
        if abs(got[m] - expected) > 1e-9 * max(1.0, abs(expected)):
            raise AssertionError(f"{name}: {m} on rows {rows[:5]}...: {got[m]} vs scikit-learn {expected}")


def run_case(case):
    actual, candidate, baseline = (np.array(case[k], dtype=float) for k in ("actual", "candidate", "baseline"))
    n = len(actual)
    c_all = sklearn_metrics(actual, candidate)
    b_all = sklearn_metrics(actual, baseline)
    point = {m: c_all[m] - b_all[m] for m in METRICS}
    rng = np.random.default_rng(case["seed"])
    resamples = case["resamples"]
    deltas = {m: [] for m in METRICS}
    checked = 0
    for start in range(0, resamples, CHUNK):
        count = min(CHUNK, resamples - start)
        idx = rng.integers(0, n, size=(count, n))
        d, constant = drawn_deltas(actual, candidate, baseline, idx)
        for m in METRICS:
            deltas[m].append(d[m])
        for r in range(count):
            if checked < SKLEARN_CHECKS or constant[r]:
                check_with_sklearn(case["name"], actual, candidate, baseline, idx[r], {m: d[m][r] for m in METRICS})
                checked += 1
    q_lo = (1 - case["confidence"]) / 2
    q_hi = 1 - q_lo
    out = {"point": point, "quantiles": {}, "sparsity": {}}
    h = 0.01
    for m in METRICS:
        d = np.concatenate(deltas[m])
        out["quantiles"][m] = [float(np.quantile(d, q_lo)), float(np.quantile(d, q_hi))]
        out["sparsity"][m] = [
            float((np.quantile(d, q + h) - np.quantile(d, max(q - h, 0))) / (q + h - max(q - h, 0)))
            for q in (q_lo, q_hi)
        ]
    return out


def run_enumerated(item):
    actual, candidate, baseline = (np.array(item[k], dtype=float) for k in ("actual", "candidate", "baseline"))
    n = len(actual)
    idx = np.array(list(itertools.product(range(n), repeat=n)))
    d, constant = drawn_deltas(actual, candidate, baseline, idx)
    for r in np.flatnonzero(constant)[:20]:
        check_with_sklearn(item["name"], actual, candidate, baseline, idx[r], {m: d[m][r] for m in METRICS})
    out = {}
    for m in METRICS:
        # Values closer than 1e-9 are one atom: the CDF at each atom, rounding either way included.
        atoms = np.unique(np.round(d[m], 9))
        ordered = np.sort(d[m])
        cdf = np.searchsorted(ordered, atoms + 5e-10, side="right") / len(ordered)
        out[m] = [[float(a), float(p)] for a, p in zip(atoms, cdf)]
    out["constantShare"] = float(constant.mean())
    return out


def main():
    request = json.load(sys.stdin)
    weighted = []
    for item in request.get("weighted", []):
        actual = np.array(item["actual"], dtype=float)
        weights = np.array(item["weights"], dtype=float)
        weighted.append(
            {
                side: sklearn_metrics(actual, np.array(item[side], dtype=float), weights)
                for side in ("candidate", "baseline")
            }
        )
    print(
        json.dumps(
            {
                "weighted": weighted,
                "cases": [run_case(case) for case in request.get("cases", [])],
                "enumerated": [run_enumerated(item) for item in request.get("enumerated", [])],
            }
        )
    )


if __name__ == "__main__":
    main()
