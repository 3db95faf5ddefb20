"""The tool most teams use today: pandas read_csv (or read_parquet) and describe(include='all').

    /usr/bin/python3 bench/validate-data/pandas_describe.py FILE.csv|FILE.parquet

Exits 3 without reading when pandas cannot read the format here (Parquet needs pyarrow or fastparquet).
"""

import importlib.util
import sys

try:
    import pandas as pd
except ImportError:
    print("pandas is not installed for this Python: apt-get install python3-pandas", file=sys.stderr)
    sys.exit(3)

path = sys.argv[1]
if path.endswith(".parquet"):
    if not any(importlib.util.find_spec(engine) for engine in ("pyarrow", "fastparquet")):
        print("pandas cannot read Parquet here: neither pyarrow nor fastparquet is installed", file=sys.stderr)
        sys.exit(3)
    frame = pd.read_parquet(path)
else:
    frame = pd.read_csv(path)
summary = frame.describe(include="all")
print(f"{len(frame)} rows, {len(frame.columns)} columns; describe: {summary.shape[0]} statistics")
