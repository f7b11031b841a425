#!/usr/bin/env python3
"""An independent check of ontrack's numbers: a separate implementation of the method as the
README states it, in Python with the standard library only.

It generates a monitor with the edge cases real monitors hit (negative baselines, targets of 0,
targets already met, target years in the past, maintain goals at the tolerance, natural limits,
sub-series in groups, peer areas with ties and older periods, manual statuses, base years of
their own, school years and months), runs `ontrack table --format json` on it, recomputes every
row and aggregate from indicators.toml and the CSV files, and compares every field.

Usage: recompute.py ONTRACK_BINARY [--seed N] [--indicators N] [--keep DIR]
Exit 0 when every field agrees; otherwise it lists the differences and exits 1.
"""

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import tomllib

EPS = 1e-9  # boundary tolerance of the method (README: "at the boundary")
TREND = (0.015, 0.005, 0.0)
TARGET = (0.95, 0.6, 0.0)
SHARE_UNITS = ("%",)


# ----------------------------------------------------------------------------- generating

def generate(folder, seed, count):
    rnd = random.Random(seed)
    themes = 4
    toml = [
        "[monitor]", 'name = "recompute"', 'title = "Recompute"', 'municipality = "Stad"',
        'language = "en"', "maintain_tolerance = 0.02", "",
    ]
    for t in range(themes):
        toml += ["[[theme]]", f'id = "t{t}"', f'name = "Theme {t}"', ""]
    rows = {}  # year -> list of csv lines

    def put(year, line):
        rows.setdefault(year, []).append(line)

    def r1(v):
        return round(v, rnd.choice([0, 1, 2]))

    for i in range(count):
        ident = f"i{i:03d}"
        kind = rnd.choice(["share", "score", "saldo", "rate"])
        unit = {"share": "%", "score": "score", "saldo": "saldo", "rate": "per 1000 inwoners"}[kind]
        direction = rnd.choices(["increase", "decrease", "none"], [45, 45, 10])[0]
        maintain = direction != "none" and rnd.random() < 0.12
        base_year = rnd.randint(2014, 2018)
        form = rnd.choices(["year", "school", "month"], [70, 15, 15])[0]

        def period(y):
            return {"year": f"{y}", "school": f"{y}/{y + 1}", "month": f"{y}-07"}[form]

        if kind == "share":
            base = r1(rnd.uniform(5, 90))
        elif kind == "score":
            base = r1(rnd.uniform(2, 9))
        elif kind == "rate":
            base = r1(rnd.uniform(0.5, 40))
        else:
            base = r1(rnd.uniform(-20, 20)) or -3.0
        lines = [
            "[[indicator]]", f'id = "{ident}"', f'theme = "t{i % themes}"', f'title = "Indicator {i}"',
            f'unit = "{unit}"', f'direction = "{direction}"',
        ]
        if maintain:
            lines.append('goal = "maintain"')
        if direction != "none" and not maintain and rnd.random() < 0.45:
            ty = base_year + rnd.randint(2, 9)
            d = 1 if direction == "increase" else -1
            if kind == "saldo" and base < 0 and rnd.random() < 0.5:
                tv = 0 if d == 1 else r1(base * 1.5)
            elif rnd.random() < 0.08:
                tv = base  # no growth required
            else:
                tv = r1(base + d * abs(base) * rnd.uniform(0.05, 0.4))
                if kind == "share":
                    tv = min(max(tv, 0), 100)
                if d * (tv - base) < 0:
                    tv = base
            lines.append(f"target = {{ value = {tv!r}, year = {ty} }}")
        if kind == "share" and direction == "increase" and rnd.random() < 0.3:
            lines.append("limit = 100")
        if rnd.random() < 0.05:
            lines.append(f"base_year = {base_year + 1}")
        if rnd.random() < 0.04:
            status = rnd.choice(["deterioration", "substantial_progress", "not_assessable", "limited_progress"])
            lines.append(f'manual = {{ status = "{status}", reason = "set by hand" }}')
        series = []
        if rnd.random() < 0.2:
            grouped = rnd.random() < 0.5
            for s in ("a", "b", "c")[: rnd.randint(2, 3)]:
                series.append(s)
                lines += ["[[indicator.series]]", f'id = "{s}"', f'label = "Series {s}"']
                if grouped and s != "a":
                    lines.append('group = "g"')
        peers = []
        if rnd.random() < 0.2 or direction == "none":
            peers = ["P1", "P2", "P3"][: rnd.randint(1, 3)]
            lines.insert(6, "peers = [" + ", ".join(f'"{p}"' for p in peers) + "]")
        keys = [(s, "") for s in (series or [""])] + [("" if not series else series[0], p) for p in peers]
        for s, area in keys:
            b = base if not area else r1(base * rnd.uniform(0.8, 1.2))
            if kind == "saldo" and area and b == 0:
                b = 1.0
            if kind == "share":
                b = min(b, 100.0)
            with_baseline = rnd.random() < 0.93
            if with_baseline:
                lines.append("[[indicator.baseline]]")
                if s:
                    lines.append(f'series = "{s}"')
                if area:
                    lines.append(f'area = "{area}"')
                lines += [f"value = {b!r}", f'period = "{period(base_year)}"']
            value = b
            for y in range(base_year - rnd.choice([0, 0, 1]), 2025):
                if y == base_year:
                    if with_baseline and rnd.random() < 0.3:
                        put(y, f"{ident},{s},{area},{period(y)},{b!r}")  # the baseline repeated
                    if with_baseline and form != "year" and rnd.random() < 0.1:
                        put(y, f"{ident},{s},{area},{y},{r1(b * 0.9)!r}")  # another period form
                    continue
                if rnd.random() < 0.25:
                    continue  # a gap
                if maintain and rnd.random() < 0.3:
                    value = round(b * (1.02 if direction == "decrease" else 0.98), 6)  # at the tolerance
                else:
                    value = value * (1 + rnd.uniform(-0.08, 0.1))
                    if area and rnd.random() < 0.3:
                        value = base  # ties among areas
                if kind == "share":
                    value = min(max(value, 0), 100)
                elif kind in ("score",):
                    value = min(max(value, 1), 10)
                elif kind == "rate":
                    value = max(value, 0)
                elif kind == "saldo" and rnd.random() < 0.05:
                    value = -value
                value = round(value, 2)
                put(y, f"{ident},{s},{area},{period(y)},{value!r}")
        toml += lines + [""]
    os.makedirs(os.path.join(folder, "measurements"), exist_ok=True)
    with open(os.path.join(folder, "indicators.toml"), "w") as f:
        f.write("\n".join(toml))
    for year, lines in rows.items():
        with open(os.path.join(folder, "measurements", f"{year}.csv"), "w") as f:
            f.write("indicator,series,area,period,value\n" + "\n".join(lines) + "\n")


# ----------------------------------------------------------------------------- the method

def parse_period(text):
    """(year, month, school) ordered as ontrack orders periods."""
    if "/" in text:
        return (int(text.split("/")[0]), 0, True)
    if "-" in text:
        y, m = text.split("-")
        return (int(y), int(m), False)
    return (int(text), 0, False)


def same_form(a, b):
    return a[2] == b[2] and (a[1] > 0) == (b[1] > 0)


def show_period(p):
    y, m, school = p
    return f"{y}/{y + 1}" if school else (f"{y}-{m:02d}" if m else f"{y}")


def at_least(value, bound):
    return value >= bound or bound - value <= EPS * max(abs(value), abs(bound))


def nonzero(v):
    return 0.001 if v == 0 else v


def cagr(ya, yb, ta, tb):
    ratio = yb / ya
    if ratio < 0:
        return float("nan")
    return ratio ** (1.0 / (tb - ta)) - 1.0


def band(p, t, c=None):
    if c == 0 and p >= 0:
        return "substantial_progress"
    if at_least(p, t[0]):
        return "substantial_progress"
    if at_least(p, t[1]):
        return "moderate_progress"
    if at_least(p, t[2]):
        return "limited_progress"
    return "deterioration"


def trend_score(p, c):
    if p < 0:
        return max(125 * p - 2.5, -5)
    if c == 0:
        return 5.0
    if p >= 0.015 * c:
        return min(500 * p / c - 5, 5)
    if p >= 0.005 * c:
        return 250 * p / c - 1.25
    return 500 * p / c - 2.5


def target_score(r):
    return min(7.1429 * r - 4.2857, 5) if r >= 0.6 else max(4.1667 * r - 2.5, -5)


def limit_c(b, l):
    b, l = abs(b), abs(l)
    if b >= 2 * l:
        return 1.0
    if b <= l:
        return 1 - (b / l) ** 4.44
    return 1 - ((2 * l - b) / l) ** 4.44


def incomparable(t0, y0, ti, yi):
    return (y0 > 0 and yi < 0) or (y0 < 0 and yi > 0) or t0 > ti or ti - t0 < 1


def open_sdg(t0, y0, ti, yi, d, target, limit):
    """(status, score, progress_value)."""
    s = -1 if y0 < 0 else 1
    achieved = target is not None and at_least(d * yi, d * target[0])
    tgt = (nonzero(target[0]), target[1]) if target else None
    c = None
    thresholds = TARGET if tgt else TREND
    if not tgt and limit is not None:
        c = limit_c(y0, limit)
        thresholds = tuple(x * c for x in TREND)
    b = nonzero(y0)
    pv, equal = None, False
    if not incomparable(t0, b, ti, yi) and not (tgt and ((y0 > 0 and tgt[0] < 0) or (y0 < 0 and tgt[0] > 0) or tgt[1] <= t0)):
        obs = cagr(b, yi, t0, ti)
        if not tgt:
            pv = s * d * obs
        else:
            req = cagr(b, tgt[0], t0, tgt[1])
            if req == 0:
                equal = True
            else:
                pv = s * d * obs / abs(req)
        if pv is not None and not math.isfinite(pv):
            pv = None
    if achieved:
        status, score = "target_achieved", 5.0
    elif equal:
        status, score = "deterioration", -5.0
    elif pv is None:
        status, score = "not_assessable", None
    else:
        score = target_score(pv) if tgt else trend_score(pv, c if c is not None else 1.0)
        status = band(pv, thresholds, c)
    if not achieved and target and ti >= target[1]:
        status = "target_not_achieved"
    return status, score, pv


def linear(t0, y0, ti, yi, d, target, limit):
    if target is None:
        return open_sdg(t0, y0, ti, yi, d, target, limit)
    T, tT = target

    def out(status, score, pv):
        if status != "target_achieved" and ti >= tT:
            status = "target_not_achieved"
        return status, score, pv

    if at_least(d * yi, d * T):
        return out("target_achieved", 5.0, None)
    if incomparable(t0, y0, ti, yi):
        return out("not_assessable", None, None)
    if T == y0:
        return out("deterioration", -5.0, None)
    if tT <= t0:
        return out("not_assessable", None, None)
    expected = y0 + (T - y0) * min(1.0, (ti - t0) / (tT - t0))
    q = (yi - y0) / (expected - y0)
    return out(band(q, TARGET), target_score(q), q)


def maintain(t0, y0, ti, yi, d, tolerance):
    if incomparable(t0, y0, ti, yi):
        return "not_assessable", None, None
    s = -1 if y0 < 0 else 1
    p = s * d * cagr(nonzero(y0), yi, t0, ti)
    worse_by = -d * (yi - y0)
    if not at_least(tolerance * abs(y0), worse_by):
        return "deterioration", trend_score(min(p, 0), 1.0), p
    return "target_achieved", 5.0, p


MANUAL_SCORE = {
    "target_achieved": 5.0, "substantial_progress": 3.75, "moderate_progress": 1.25,
    "limited_progress": -1.25, "deterioration": -3.75, "target_not_achieved": -3.75,
}


def difference(a, b):
    return round((b - a) * 1e10) / 1e10


def from_score(score, all_achieved):
    if all_achieved:
        return "target_achieved"
    if score >= 2.5:
        return "substantial_progress"
    if score >= 0:
        return "moderate_progress"
    if score >= -2.5:
        return "limited_progress"
    return "deterioration"


def combine(members):
    scores = [m[0] for m in members if m[0] is not None]
    scored = [m for m in members if m[0] is not None]
    if not scores:
        if members and all(m[1] == "no_direction" for m in members):
            return None, "no_direction"
        return None, "not_assessable"
    mean = sum(scores) / len(scores)
    achieved = all(m[1] == "target_achieved" for m in scored)
    closed = all(m[1] in ("target_achieved", "target_not_achieved") for m in scored)
    if not achieved and closed:
        return mean, "target_not_achieved"
    return mean, from_score(mean, achieved)


def recompute(folder, method):
    with open(os.path.join(folder, "indicators.toml"), "rb") as f:
        monitor = tomllib.load(f)
    tolerance = monitor["monitor"].get("maintain_tolerance", 0.0)
    municipality = monitor["monitor"]["municipality"]
    obs = {}
    mdir = os.path.join(folder, "measurements")
    for name in sorted(os.listdir(mdir)):
        with open(os.path.join(mdir, name), newline="") as f:
            for r in csv.DictReader(f):
                key = (r["indicator"], r["series"], r["area"] if r["area"] != municipality else "")
                p = parse_period(r["period"])
                obs.setdefault(key, {})[p] = float(r["value"])
    years = {p[0] for series in obs.values() for p in series}
    for ind in monitor["indicator"]:
        years |= {parse_period(b["period"])[0] for b in ind.get("baseline", [])}
    year = max(years)

    rows = {}
    for ind in monitor["indicator"]:
        ident = ind["id"]
        d = {"increase": 1, "decrease": -1}.get(ind["direction"])
        target = (ind["target"]["value"], ind["target"]["year"]) if "target" in ind else None
        series_ids = [s["id"] for s in ind.get("series", [])]
        keys = {(b.get("series", ""), b.get("area", "")) for b in ind.get("baseline", [])}
        keys |= {(k[1], k[2]) for k in obs if k[0] == ident}
        keys |= {(s, "") for s in (series_ids or [""])}
        for s, area in keys:
            base_def = next((b for b in ind.get("baseline", []) if b.get("series", "") == s and b.get("area", "") == area), None)
            values = dict(obs.get((ident, s, area), {}))
            bp = parse_period(base_def["period"]) if base_def else None
            if bp:
                values = {p: v for p, v in values.items() if not (p[0] == bp[0] and not same_form(p, bp))}
            used = {p: v for p, v in values.items() if p[0] <= year}
            if bp and bp[0] <= year and bp not in used:
                used[bp] = base_def["value"]
            periods = sorted(used)
            latest = (periods[-1], used[periods[-1]]) if periods else None
            row = {"latest": latest}
            in_reach = base_def if bp and bp[0] <= year else None
            row["change"] = difference(in_reach["value"], latest[1]) if in_reach and latest else None
            row["gap"] = difference(latest[1], target[0]) if target and latest else None
            row["expected"] = None
            row["progress"] = None
            if target and in_reach:
                tb = bp[0]
                if target[1] > tb and year >= tb:
                    row["expected"] = in_reach["value"] + (target[0] - in_reach["value"]) * min(1.0, (year - tb) / (target[1] - tb))
                if latest and target[0] != in_reach["value"]:
                    row["progress"] = (latest[1] - in_reach["value"]) / (target[0] - in_reach["value"])
            t0 = ind.get("base_year", bp[0] if bp else (periods[0][0] if periods else None))
            if bp and t0 == bp[0]:
                base = (bp, used[bp]) if bp in used else None
            else:
                base = next(((p, used[p]) for p in periods if t0 is not None and p[0] >= t0), None)
            status, score, pv = "not_assessable", None, None
            if d is None:
                status = "no_direction"
            elif base and latest:
                args = (base[0][0], base[1], latest[0][0], latest[1], d)
                chosen = ind.get("method", method)
                if ind.get("goal") == "maintain":
                    status, score, pv = maintain(*args, tolerance)
                elif chosen == "linear":
                    status, score, pv = linear(*args, target, ind.get("limit"))
                else:
                    status, score, pv = open_sdg(*args, target, ind.get("limit"))
            if "manual" in ind and not area:
                status = ind["manual"]["status"]
                score = MANUAL_SCORE.get(status)
            row.update(status=status, score=score, progress_value=pv, rank=None)
            rows[(ident, s or None, area or municipality)] = row
        # ranks among areas, per series
        for s in {k[1] for k in rows if k[0] == ident}:
            members = [(k, r) for k, r in rows.items() if k[0] == ident and k[1] == s]
            if not any(k[2] != municipality for k, _ in members):
                continue
            dated = [(k, r) for k, r in members if r["latest"]]
            if not dated:
                continue
            newest = max(r["latest"][0] for _, r in dated)
            ranked = [(k, (-1 if d == 1 else 1) * r["latest"][1]) for k, r in dated if r["latest"][0] == newest]
            for k, v in ranked:
                better = sum(1 for _, w in ranked if w < v)
                equal = sum(1 for _, w in ranked if w == v)
                rows[k]["rank"] = (better + 1, len(ranked), equal > 1)

    aggregates = {"indicators": {}, "themes": {}}
    for ind in monitor["indicator"]:
        own = [(k, r) for k, r in rows.items() if k[0] == ind["id"] and k[2] == municipality]
        groups = {}
        defs = {s["id"]: s for s in ind.get("series", [])}
        for k, r in own:
            g = defs[k[1]].get("group", k[1]) if k[1] else ""
            groups.setdefault(g, []).append((r["score"], r["status"]))
        members = [combine(g) for _, g in sorted(groups.items())]
        score, status = combine(members)
        if "manual" in ind:
            status = ind["manual"]["status"]
        aggregates["indicators"][ind["id"]] = (score, status)
    for t in monitor["theme"]:
        members = [aggregates["indicators"][i["id"]] for i in monitor["indicator"] if i["theme"] == t["id"]]
        aggregates["themes"][t["id"]] = combine(members)
    by = monitor["monitor"].get("aggregation", "indicator")
    plan_members = aggregates["themes"] if by == "theme" else aggregates["indicators"]
    aggregates["plan"] = combine(list(plan_members.values()))
    return year, rows, aggregates


# ----------------------------------------------------------------------------- comparing

def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare(binary, folder, method):
    out = subprocess.run([binary, "-C", folder, "table", "--format", "json", "--method", method, "-q"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return [f"ontrack exited {out.returncode}: {out.stderr.strip()}"]
    got = json.loads(out.stdout)
    year, rows, aggregates = recompute(folder, method)
    problems = []
    if got["year"] != year:
        problems.append(f"report year {got['year']} != {year}")
    seen = set()
    for r in got["indicators"]:
        key = (r["id"], r["series_id"], r["area"])
        seen.add(key)
        mine = rows.get(key)
        if mine is None:
            problems.append(f"{key}: a row ontrack has and the recomputation has not")
            continue
        where = f"{method} {key}"
        latest = r["latest"]
        want = mine["latest"]
        if (latest is None) != (want is None) or (latest and (latest["period"] != show_period(want[0]) or not close(latest["value"], want[1]))):
            problems.append(f"{where}: latest {latest} != {want}")
        checks = [
            ("status", r["status"], mine["status"], None),
            ("score", r["score"], mine["score"], close),
            ("progress_value", r["progress_value"], mine["progress_value"], close),
            ("change", r["change"]["absolute"] if r["change"] else None, mine["change"], close),
            ("gap", r["gap"], mine["gap"], close),
            ("expected", r["expected"], mine["expected"], close),
            ("progress", r["progress"], mine["progress"], close),
        ]
        for name, a, b, same in checks:
            if not (same(a, b) if same else a == b):
                problems.append(f"{where}: {name} {a!r} != {b!r}")
        rank = r["rank"] and (r["rank"]["position"], r["rank"]["of"], r["rank"]["tied"])
        if rank != mine["rank"]:
            problems.append(f"{where}: rank {rank} != {mine['rank']}")
    for key in rows.keys() - seen:
        problems.append(f"{key}: a row the recomputation has and ontrack has not")
    for level in ("indicators", "themes"):
        for a in got["aggregates"][level]:
            score, status = aggregates[level][a["id"]]
            if not close(a["score"], score) or a["status"] != status:
                problems.append(f"{method} {level} {a['id']}: ({a['score']}, {a['status']}) != ({score}, {status})")
    plan = got["aggregates"]["plan"]
    if not close(plan["score"], aggregates["plan"][0]) or plan["status"] != aggregates["plan"][1]:
        problems.append(f"{method} plan: ({plan['score']}, {plan['status']}) != {aggregates['plan']}")
    return problems, len(got["indicators"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--keep", help="write the generated monitor here and keep it")
    args = parser.parse_args()
    if args.keep:
        return run(args, args.keep)
    # A monitor the caller did not ask to keep is removed afterwards, whatever happens.
    with tempfile.TemporaryDirectory(prefix="ontrack-recompute-") as folder:
        return run(args, folder)


def run(args, folder):
    generate(folder, args.seed, args.indicators)
    check = subprocess.run([args.binary, "-C", folder, "check", "-q"], capture_output=True, text=True)
    if check.returncode != 0:
        print(check.stdout, check.stderr, file=sys.stderr)
        print("recompute: the generated monitor does not pass `ontrack check`", file=sys.stderr)
        return 1
    total, problems = 0, []
    for method in ("open-sdg", "linear"):
        found = compare(args.binary, folder, method)
        if isinstance(found, list):
            problems += found
            continue
        more, rows = found
        problems += more
        total += rows
    for p in problems[:50]:
        print(p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more")
    print(f"recompute: {total} rows over two methods, {len(problems)} differences (seed {args.seed})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
