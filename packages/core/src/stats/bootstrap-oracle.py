"""Oracle for bootstrap.test.ts: the paired bootstrap done the slow, obvious way with numpy (Debian's
/usr/bin/python3: numpy 1.24, scikit-learn 1.2.1), to compare mlci's intervals with.

Reads one JSON object on stdin: {"cases": [{"name", "labels", "classes", "positive", "candidate":
{"predictions", "scores"?}, "baseline": {...}, "metrics", "resamples", "confidence", "seed"}]}.
Each resample draws n row indexes with replacement (rng.integers) and scores both models on those rows.
The metrics of a resample are computed vectorised from row weights (how often each row was drawn); the
first resamples of every case are recomputed with scikit-learn itself on the drawn rows (the rows, not
weights) and must agree to 1e-9, so the fast formulas below are scikit-learn's.

Prints one JSON list with, per case: {"point": {metric: delta on all rows, by scikit-learn},
"quantiles": {metric: [lo, hi]}, "sparsity": {metric: [dQ/dq at lo, at hi]}, "resamples": {metric: defined}}.
The sparsity (the quantile function's slope, from the spread of nearby quantiles) turns a resample count
into the standard error of a quantile estimate: sqrt(q (1 - q) / R) * dQ/dq.
"""
import json
import sys
import warnings

import numpy as np
from sklearn import metrics as skm

SKLEARN_CHECKS = 3
CHUNK = 500


def sklearn_metric(name, y, pred, score, positive, classes):
    if name == "accuracy":
        return skm.accuracy_score(y, pred)
    if name in ("precision", "recall", "f1"):
        fn = {"precision": skm.precision_score, "recall": skm.recall_score, "f1": skm.f1_score}[name]
        return fn(y, pred, pos_label=positive, average="binary", zero_division=0)
    if "_" in name and name.split("_")[1] in ("macro", "weighted"):
        kind, average = name.split("_")
        fn = {"precision": skm.precision_score, "recall": skm.recall_score, "f1": skm.f1_score}[kind]
        return fn(y, pred, average=average, zero_division=0)
    binary = (y == positive).astype(int)
    if name == "roc_auc":
        if binary.min() == binary.max():
            return float("nan")
        return skm.roc_auc_score(binary, score)
    if name == "average_precision":
        return skm.average_precision_score(binary, score)
    if name == "log_loss":
        return skm.log_loss(binary, score, labels=[0, 1])
    raise ValueError(name)


def counting_from_confusion(name, conf, positive):
    """conf: (R, k, k) row = true, column = predicted. scikit-learn 1.2.1 with zero_division -> 0."""
    k = conf.shape[1]
    diag = np.einsum("rii->ri", conf)
    actual = conf.sum(axis=2)
    predicted = conf.sum(axis=1)
    total = conf.sum(axis=(1, 2))
    if name == "accuracy":
        return diag.sum(axis=1) / total

    def per_class(kind):
        den = {"precision": predicted, "recall": actual, "f1": predicted + actual}[kind]
        num = 2 * diag if kind == "f1" else diag
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)

    if "_" not in name:
        return per_class(name)[:, positive]
    kind, average = name.split("_")
    values = per_class(kind)
    if average == "macro":
        present = (actual > 0) | (predicted > 0)
        return (values * present).sum(axis=1) / present.sum(axis=1)
    return (values * actual).sum(axis=1) / total


class ScoreModel:
    """One model's rows grouped by distinct score, ascending, for weighted AUC / AP / log loss."""

    def __init__(self, score, binary):
        order = np.argsort(score, kind="mergesort")
        sorted_score = score[order]
        starts = np.r_[0, np.flatnonzero(np.diff(sorted_score)) + 1]
        self.order = order
        self.starts = starts
        self.positive_sorted = binary[order].astype(float)
        eps = np.finfo(np.float64).eps
        clipped = np.clip(score, eps, 1 - eps)
        self.loss = -np.where(binary == 1, np.log(clipped), np.log(1 - clipped))

    def metrics(self, weights):
        w = weights[:, self.order]
        pos = np.add.reduceat(w * self.positive_sorted, self.starts, axis=1)
        neg = np.add.reduceat(w, self.starts, axis=1) - pos
        neg_below = np.cumsum(neg, axis=1) - neg
        p_total = pos.sum(axis=1)
        n_total = neg.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            auc = (pos * (neg_below + 0.5 * neg)).sum(axis=1) / (p_total * n_total)
            auc = np.where((p_total > 0) & (n_total > 0), auc, np.nan)
            tp = np.cumsum(pos[:, ::-1], axis=1)
            fp = np.cumsum(neg[:, ::-1], axis=1)
            prec = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
            ap = (pos[:, ::-1] * prec).sum(axis=1) / p_total
            ap = np.where(p_total > 0, ap, 0.0)
        loss = (weights * self.loss).sum(axis=1) / weights.shape[1]
        return {"roc_auc": auc, "average_precision": ap, "log_loss": loss}


def run_case(case):
    y = np.array(case["labels"])
    k = len(case["classes"])
    positive = case.get("positive")
    n = len(y)
    models = {}
    for side in ("candidate", "baseline"):
        pred = np.array(case[side]["predictions"])
        score = np.array(case[side]["scores"], dtype=float) if case[side].get("scores") is not None else None
        models[side] = (pred, score)
    metrics = case["metrics"]
    counting = [m for m in metrics if m not in ("roc_auc", "average_precision", "log_loss")]
    scoring = [m for m in metrics if m in ("roc_auc", "average_precision", "log_loss")]
    binary = (y == positive).astype(int) if positive is not None else None
    score_models = (
        {side: ScoreModel(models[side][1], binary) for side in models} if scoring else {}
    )

    point = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for m in metrics:
            values = [sklearn_metric(m, y, models[s][0], models[s][1], positive, k) for s in models]
            point[m] = values[0] - values[1]

    rng = np.random.default_rng(case["seed"])
    resamples = case["resamples"]
    deltas = {m: [] for m in metrics}
    checked = 0
    for start in range(0, resamples, CHUNK):
        c = min(CHUNK, resamples - start)
        idx = rng.integers(0, n, size=(c, n))
        if counting:
            conf = {}
            for side in models:
                codes = y[idx] * k + models[side][0][idx] + (k * k) * np.arange(c)[:, None]
                conf[side] = np.bincount(codes.ravel(), minlength=c * k * k).reshape(c, k, k).astype(float)
            for m in counting:
                deltas[m].append(
                    counting_from_confusion(m, conf["candidate"], positive)
                    - counting_from_confusion(m, conf["baseline"], positive)
                )
        if scoring:
            weights = np.bincount((idx + n * np.arange(c)[:, None]).ravel(), minlength=c * n).reshape(c, n)
            weights = weights.astype(float)
            values = {side: score_models[side].metrics(weights) for side in models}
            for m in scoring:
                deltas[m].append(values["candidate"][m] - values["baseline"][m])
        # The fast formulas must be scikit-learn's: recompute the first resamples on the drawn rows.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            while checked < SKLEARN_CHECKS and checked < c:
                rows = idx[checked]
                for m in metrics:
                    want = [
                        sklearn_metric(
                            m,
                            y[rows],
                            models[s][0][rows],
                            None if models[s][1] is None else models[s][1][rows],
                            positive,
                            k,
                        )
                        for s in models
                    ]
                    got = deltas[m][0][checked]
                    expected = want[0] - want[1]
                    if not (np.isnan(got) and np.isnan(expected)) and abs(got - expected) > 1e-9:
                        raise AssertionError(f"{case['name']}: {m} resample {checked}: {got} vs sklearn {expected}")
                checked += 1

    q_lo = (1 - case["confidence"]) / 2
    q_hi = 1 - q_lo
    out = {"point": point, "quantiles": {}, "sparsity": {}, "resamples": {}}
    for m in metrics:
        d = np.concatenate(deltas[m])
        d = d[~np.isnan(d)]
        out["quantiles"][m] = [float(np.quantile(d, q_lo)), float(np.quantile(d, q_hi))]
        h = 0.01
        out["sparsity"][m] = [
            float((np.quantile(d, q + h) - np.quantile(d, max(q - h, 0))) / (q + h - max(q - h, 0)))
            for q in (q_lo, q_hi)
        ]
        out["resamples"][m] = int(len(d))
    return out


def main():
    request = json.load(sys.stdin)
    print(json.dumps([run_case(case) for case in request["cases"]]))


if __name__ == "__main__":
    main()
