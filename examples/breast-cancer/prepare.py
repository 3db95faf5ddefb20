"""Makes data/train.csv and data/test.csv from the copy of the Wisconsin Diagnostic Breast Cancer data set
that Debian's python3-sklearn ships. Run with Debian's interpreter: /usr/bin/python3 prepare.py

The split is stratified and seeded, so running this again gives the same bytes.
"""
import csv
import os

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

data = load_breast_cancer()
columns = [name.replace(" ", "_") for name in data.feature_names]
rows = []
for index, (features, target) in enumerate(zip(data.data, data.target)):
    rows.append([index + 1, *[repr(float(v)) for v in features], data.target_names[target]])

train, test = train_test_split(rows, test_size=0.2, random_state=42, stratify=[r[-1] for r in rows])
here = os.path.dirname(os.path.abspath(__file__))
for name, part in (("train", train), ("test", test)):
    with open(os.path.join(here, "data", f"{name}.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["sample_id", *columns, "diagnosis"])
        writer.writerows(sorted(part, key=lambda r: r[0]))
