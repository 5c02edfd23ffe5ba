#!/usr/bin/env python3
"""Reference optimum for mentor-bot's assignment instances, from SciPy (and NetworkX).

Reads one instance, or a JSON array of them, on stdin:
  {"mentees": N, "mentors": [{"capacity": c}, ...], "edges": [[i, j, score], ...]}
and prints, per instance, {"matched": m, "total": t, "seconds": time in linear_sum_assignment}
(plus "networkx" when asked for with --networkx). "Most matched, then highest total" becomes one linear assignment problem: each
mentor is copied once per unit of capacity, each mentee gets a private dummy column meaning
"unmatched", and an allowed pair is worth BIG + score with BIG larger than any total, so one more
match always outweighs any score. Forbidden pairs cost the same as the dummy.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def solve_scipy(instance):
    n = instance["mentees"]
    copies = []
    for j, mentor in enumerate(instance["mentors"]):
        copies.extend([j] * min(mentor["capacity"], n))
    m = len(copies)
    if n == 0:
        return {"matched": 0, "total": 0.0}
    weight = {}
    for i, j, score in instance["edges"]:
        weight[(i, j)] = float(score)
    big = sum(weight.values()) + 1.0
    cost = np.zeros((n, m + n))
    column_of = {}
    for k, j in enumerate(copies):
        column_of.setdefault(j, []).append(k)
    for (i, j), score in weight.items():
        for k in column_of.get(j, []):
            cost[i, k] = -(big + score)
    started = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    seconds = time.perf_counter() - started
    matched, total = 0, 0.0
    for i, k in zip(rows, cols):
        if k < m and (i, copies[k]) in weight:
            matched += 1
            total += weight[(i, copies[k])]
    return {"matched": matched, "total": total, "seconds": seconds, "columns": m + n}


def solve_networkx(instance):
    import networkx as nx

    n = instance["mentees"]
    graph = nx.Graph()
    weights = [float(s) for _, _, s in instance["edges"]]
    big = sum(weights) + 1.0
    for i, j, score in instance["edges"]:
        for copy in range(min(instance["mentors"][j]["capacity"], n)):
            graph.add_edge(("e", i), ("r", j, copy), weight=big + float(score), score=float(score))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    total = sum(graph.edges[a, b]["score"] for a, b in matching)
    return {"matched": len(matching), "total": total}


def main():
    data = json.load(sys.stdin)
    instances = data if isinstance(data, list) else [data]
    results = []
    for instance in instances:
        result = solve_scipy(instance)
        if "--networkx" in sys.argv:
            result["networkx"] = solve_networkx(instance)
        results.append(result)
    json.dump(results if isinstance(data, list) else results[0], sys.stdout)


if __name__ == "__main__":
    main()
