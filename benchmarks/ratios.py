#!/usr/bin/env python3
"""Print a markdown table of Tiffin vs raw throughput from JMH JSON result files.

Usage: python3 benchmarks/ratios.py sqlite-t1.json [sqlite-t4.json ...]

Pairs each benchmark named tiffin<Op> with raw<Op> in the same class at the same thread count.
"""
import json
import sys

PREFIXES = ("tiffin", "raw")


def split(benchmark):
    """'dev.tiffin.benchmarks.SqliteBench.tiffinGet' -> ('SqliteBench', 'tiffin', 'Get')."""
    owner, _, method = benchmark.rpartition(".")
    owner = owner.rpartition(".")[2]
    for prefix in PREFIXES:
        if method.startswith(prefix) and len(method) > len(prefix):
            return owner, prefix, method[len(prefix):]
    return None


def main(paths):
    if not paths:
        sys.exit(__doc__.strip())
    scores = {}
    units = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for result in json.load(f):
                parts = split(result["benchmark"])
                if parts is None:
                    continue
                owner, side, op = parts
                metric = result["primaryMetric"]
                units.add(metric["scoreUnit"])
                params = ",".join(f"{k}={v}" for k, v in sorted(result.get("params", {}).items()))
                key = (owner, op, params, result["threads"])
                scores.setdefault(key, {})[side] = (metric["score"], metric.get("scoreError"))
    unit = "/".join(sorted(units)) or "ops/s"
    print(f"| operation | threads | Tiffin {unit} | raw {unit} | Tiffin/raw |")
    print("|---|---:|---:|---:|---:|")
    for (owner, op, params, threads), sides in sorted(scores.items()):
        name = op.lower() + (f" ({params})" if params else "")
        tiffin = sides.get("tiffin")
        raw = sides.get("raw")
        ratio = f"{tiffin[0] / raw[0]:.2f}x" if tiffin and raw and raw[0] else "n/a"
        print(f"| {name} | {threads} | {fmt(tiffin)} | {fmt(raw)} | {ratio} |")


def fmt(score):
    if score is None:
        return "-"
    value, error = score
    try:
        error = float(error)  # JMH writes "NaN" for a single iteration
    except (TypeError, ValueError):
        error = None
    if error is None or error != error:
        return f"{value:,.0f}"
    return f"{value:,.0f} ± {error:,.0f}"


if __name__ == "__main__":
    main(sys.argv[1:])
