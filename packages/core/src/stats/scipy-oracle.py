"""Oracle for stats.test.ts: evaluates a batch of cases with Debian's scipy (run as /usr/bin/python3).

Usage: scipy-oracle.py DIR, where DIR holds cases.json and data.bin (little-endian float64).
An argument {"$f64": [offset, length]} is a slice of data.bin. Prints one JSON list with one
result list per case; non-finite floats are printed as the strings "nan", "inf", "-inf".
"""
import json
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance


def enc(value):
    if isinstance(value, str):
        return value
    value = float(value)
    if np.isnan(value):
        return "nan"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def ks(a, b):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = stats.ks_2samp(a, b)
    switched = any("Switching" in str(w.message) for w in caught)
    exact = max(len(a), len(b)) <= 10000 and not switched
    return [result.statistic, result.pvalue, "exact" if exact else "asymptotic"]


def chi_drift(reference, current):
    # NannyML's chi-square: chi2_contingency on [reference counts, current counts] of the values seen in either.
    ref = dict(reference)
    cur = dict(current)
    keys = sorted({k for k, c in reference if c > 0} | {k for k, c in current if c > 0})
    table = [[ref.get(k, 0) for k in keys], [cur.get(k, 0) for k in keys]]
    if len(keys) == 1:
        return [0.0, 1.0, 0]
    result = stats.chi2_contingency(table)
    return [result[0], result[1], result[2]]


def psi(expected, actual):
    # Evidently's psi() after get_binned_data(feel_zeroes=True), on proportions of the bin totals.
    ref = np.asarray(expected, dtype=float) / np.sum(expected)
    cur = np.asarray(actual, dtype=float) / np.sum(actual)
    for perc in (ref, cur):
        nonzero_min = min(perc[perc != 0])
        np.place(perc, perc == 0, nonzero_min / 10**6 if nonzero_min <= 0.0001 else 0.0001)
    value = 0
    for i, _ in enumerate(ref):
        value += (ref[i] - cur[i]) * np.log(ref[i] / cur[i])
    return [value]


SPECIAL = {
    "chi2_sf": lambda x, df: stats.chi2.sf(x, df),
    "gammaincc": special.gammaincc,
    "gammainc": special.gammainc,
    "gammaln": special.gammaln,
    "erfc": special.erfc,
    "zeta": special.zeta,
    "kstwo_sf": lambda n, x: stats.kstwo.sf(x, n),
    "kstwo_cdf": lambda n, x: stats.kstwo.cdf(x, n),
    "smirnov": lambda n, x: special.smirnov(int(n), x),
    "kolmogorov": special.kolmogorov,
}


def run(case, data):
    def arg(value):
        if isinstance(value, dict) and "$f64" in value:
            offset, length = value["$f64"]
            return data[offset : offset + length]
        return value

    args = [arg(a) for a in case["args"]]
    kind = case["kind"]
    if kind == "ks":
        return ks(*args)
    if kind == "chisquare":
        result = stats.chisquare(*args)
        return [result.statistic, result.pvalue]
    if kind == "chi_drift":
        return chi_drift(*args)
    if kind == "wasserstein":
        return [stats.wasserstein_distance(*args)]
    if kind == "jensenshannon":
        return [distance.jensenshannon(*args)]
    if kind == "psi":
        return psi(*args)
    if kind == "special":
        name, points = args
        with np.errstate(all="ignore"):
            return [SPECIAL[name](*point) for point in points]
    raise ValueError(f"unknown case kind {kind}")


def main():
    directory = sys.argv[1]
    data = np.fromfile(f"{directory}/data.bin", dtype="<f8")
    with open(f"{directory}/cases.json") as handle:
        cases = json.load(handle)
    results = [[enc(v) for v in run(case, data)] for case in cases]
    json.dump({"scipy": scipy.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
