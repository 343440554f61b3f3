#!/usr/bin/python3
"""Optuna 3.1 TPESampler (defaults, seeded) on the functions, seeds and budgets of SearcherQualityBench.java;
prints the same markdown rows. Usage: /usr/bin/python3 src/bench/python/optuna_quality.py [seeds=20]"""
import math
import sys
import time

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
TRIALS = 100
CHECKPOINTS = (25, 50, 100)


def branin(x):
    b = 5.1 / (4 * math.pi ** 2)
    r = x[1] - b * x[0] ** 2 + 5 / math.pi * x[0] - 6
    return r * r + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x[0]) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(x):
    return -sum(H_ALPHA[i] * math.exp(-sum(H_A[i][j] * (x[j] - H_P[i][j] * 1e-4) ** 2 for j in range(6)))
                for i in range(4))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    s1 = sum(v * v for v in x)
    s2 = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(s1 / d)) - math.exp(s2 / d) + 20 + math.e


PROBLEMS = [
    ("Branin (min 0.398)", branin, [(-5, 10), (0, 15)]),
    ("Hartmann6 (min -3.322)", hartmann6, [(0, 1)] * 6),
    ("Rosenbrock-5D (min 0)", rosenbrock, [(-5, 10)] * 5),
    ("Ackley-10D (min 0)", ackley, [(-32.768, 32.768)] * 10),
]


def run(f, bounds, seed):
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(lambda t: f([t.suggest_float("x%d" % d, lo, hi) for d, (lo, hi) in enumerate(bounds)]),
                   n_trials=TRIALS)
    return np.minimum.accumulate([t.value for t in study.trials])


def summary(v):
    q1, med, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    return "%.4g [%.3g, %.3g]" % (med, q1, q3)


def suggest_time():
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1, n_startup_trials=1000))
    rng = np.random.RandomState(1)
    study.optimize(lambda t: [t.suggest_float("x%d" % d, 0, 1) for d in range(10)] and rng.rand(), n_trials=1000)
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        trial = study.ask()
        for d in range(10):
            trial.suggest_float("x%d" % d, 0, 1)
        times.append((time.perf_counter() - t0) * 1000)
        study.tell(trial, rng.rand())
    print("\nOptuna TPE suggest time, 1,000 finished trials x 10 params: %.1f ms (mean of 20)" % np.mean(times))


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print("| function | searcher | seeds | best@25 median [IQR] | best@50 median [IQR] | best@100 median [IQR] | s/run |")
    print("|---|---|---|---|---|---|---|")
    for name, f, bounds in PROBLEMS:
        t0 = time.perf_counter()
        traces = [run(f, bounds, seed) for seed in range(seeds)]
        secs = (time.perf_counter() - t0) / seeds
        cells = " | ".join(summary([tr[c - 1] for tr in traces]) for c in CHECKPOINTS)
        print("| %s | optuna-tpe | %d | %s | %.1f |" % (name, seeds, cells, secs))
    suggest_time()


if __name__ == "__main__":
    main()
