#!/usr/bin/env python3
"""The yardstick for `scripts/bench.sh`: the script an analyst writes in ten minutes with pandas
to get roughly what `ontrack table --format csv` gives, one row per indicator x series x area
with its first and latest value, the change, and a status from the growth rate (the Open SDG
rule: the growth rate against the rate needed to reach the target, or the thresholds 1.5 %
and 0.5 % a year without a target).

It is deliberately the quick version: the first value stands in for the baseline, and there
are no checks, messages, decimal commas, school years, natural limits, peers or aggregates.
It is fast to write and faster than a careful tool should be: ontrack's speed is measured
against it.

    python3 scripts/pandas_table.py MONITOR_FOLDER [OUT.csv]
"""

import glob
import sys
import tomllib

import numpy as np
import pandas as pd


def main() -> None:
    folder = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else sys.stdout
    with open(f"{folder}/indicators.toml", "rb") as f:
        plan = tomllib.load(f)
    definitions = pd.DataFrame(
        [
            {
                "indicator": i["id"],
                "direction": i.get("direction", "none"),
                "target": (i.get("target") or {}).get("value"),
                "target_year": (i.get("target") or {}).get("year"),
            }
            for i in plan["indicator"]
        ]
    )
    text = {"indicator": str, "series": str, "area": str, "period": str}
    frames = [
        pd.read_csv(f, dtype=text, keep_default_na=False, na_values=[""])
        for f in sorted(glob.glob(f"{folder}/measurements/*.csv"))
    ]
    data = pd.concat(frames, ignore_index=True).dropna(subset=["value"])
    data["year"] = data["period"].str[:4].astype(int)
    data = data.sort_values(["indicator", "series", "area", "year"])
    groups = data.groupby(["indicator", "series", "area"], sort=True, dropna=False)
    first, last = groups.first(), groups.last()
    rows = (
        pd.DataFrame(
            {
                "base_year": first["year"],
                "base_value": first["value"],
                "latest_year": last["year"],
                "latest_value": last["value"],
            }
        )
        .reset_index()
        .merge(definitions, on="indicator", how="left")
    )
    sign = np.where(rows["direction"] == "decrease", -1.0, 1.0)
    years = (rows["latest_year"] - rows["base_year"]).replace(0, np.nan)
    growth = (rows["latest_value"] / rows["base_value"]) ** (1 / years) - 1
    needed = (rows["target"] / rows["base_value"]) ** (
        1 / (rows["target_year"] - rows["base_year"])
    ) - 1
    measure = np.where(
        rows["target"].notna(), sign * growth / needed.abs(), sign * growth
    )
    high = np.where(rows["target"].notna(), 0.95, 0.015)
    medium = np.where(rows["target"].notna(), 0.6, 0.005)
    rows["change"] = rows["latest_value"] - rows["base_value"]
    rows["status"] = np.select(
        [
            rows["direction"] == "none",
            np.isnan(measure),
            measure >= high,
            measure >= medium,
            measure >= 0,
        ],
        ["no_direction", "not_assessable", "substantial_progress", "moderate_progress", "limited_progress"],
        default="deterioration",
    )
    rows.to_csv(out, index=False)


if __name__ == "__main__":
    main()
