#!/usr/bin/env python3
"""Print markdown tables of Tiffin vs its peers' throughput from JMH JSON result files.

Usage: python3 benchmarks/ratios.py sqlite-t1.json [sqlite-t4.json redis-t1.json ...]

Pairs each benchmark named tiffin<Op> with raw<Op> (and, where the class has them, redisson<Op>)
in the same class at the same thread count; raw bulk peers are named rawPipeline<Verb>100 and
stand next to tiffin<Verb>All100. Prints one table per benchmark class; a class with Redisson
numbers gets two more columns.
"""
import json
import sys

PREFIXES = ("tiffin", "raw", "redisson")

# Raw peers whose op name differs from Tiffin's: a pipeline of N single-key commands.
RAW_ALIASES = {"PipelineGet100": "GetAll100", "PipelineSet100": "PutAll100"}


def split(benchmark):
    """'dev.tiffin.benchmarks.SqliteBench.tiffinGet' -> ('SqliteBench', 'tiffin', 'Get')."""
    owner, _, method = benchmark.rpartition(".")
    owner = owner.rpartition(".")[2]
    for prefix in PREFIXES:
        if method.startswith(prefix) and len(method) > len(prefix):
            op = method[len(prefix):]
            if prefix == "raw":
                op = RAW_ALIASES.get(op, op)
            return owner, prefix, op
    return None


def table_group(owner):
    """RedisBench and RedisBulkBench share one table: same server, same peers."""
    return "RedisBench" if owner.startswith("Redis") else owner


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
                key = (table_group(owner), op, params, result["threads"])
                scores.setdefault(key, {})[side] = (metric["score"], metric.get("scoreError"))
    unit = "/".join(sorted(units)) or "ops/s"
    groups = sorted({key[0] for key in scores})
    for index, group in enumerate(groups):
        rows = sorted((key, sides) for key, sides in scores.items() if key[0] == group)
        with_redisson = any("redisson" in sides for _, sides in rows)
        if len(groups) > 1:
            print(("\n" if index else "") + f"{group}\n")
        header = f"| operation | threads | Tiffin {unit} | raw {unit} | Tiffin/raw |"
        rule = "|---|---:|---:|---:|---:|"
        if with_redisson:
            header += f" Redisson {unit} | Tiffin/Redisson |"
            rule += "---:|---:|"
        print(header)
        print(rule)
        for (_, op, params, threads), sides in rows:
            name = op.lower() + (f" ({params})" if params else "")
            tiffin = sides.get("tiffin")
            line = f"| {name} | {threads} | {fmt(tiffin)} | {fmt(sides.get('raw'))} | {ratio(tiffin, sides.get('raw'))} |"
            if with_redisson:
                redisson = sides.get("redisson")
                line += f" {fmt(redisson)} | {ratio(tiffin, redisson)} |"
            print(line)


def ratio(tiffin, peer):
    return f"{tiffin[0] / peer[0]:.2f}x" if tiffin and peer and peer[0] else "n/a"


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
