#!/usr/bin/python3
"""Optuna 3.1 on the problems of VsOptunaProblems.java (same spaces, same functions), writing the CSV rows that
`VsOptunaBench compare` reads: best value (or hypervolume, reference (11, 11), for ZDT1/ZDT2) after 50 and 100
trials, with 1 or 4 trials in flight (the oldest running trial finishes first, then a new one is asked for).
Samplers: optuna-tpe (TPESampler defaults), optuna-tpe-4 (the same, 4 in flight), optuna-tpe-cl-4
(constant_liar=True, 4 in flight), optuna-motpe (TPESampler, two objectives), optuna-nsga2 (NSGAIISampler defaults).
Usage: /usr/bin/python3 src/bench/python/optuna_compare.py OUT.csv [seeds=20] [samplers] [problems]"""
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
TRIALS = 100
BUDGETS = (50, 100)
ZDT_DIMS = 10
REF = (11.0, 11.0)

H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def floats(t, n, lo, hi):
    return [t.suggest_float("x%d" % d, lo, hi) for d in range(n)]


def branin(t):
    x = [t.suggest_float("x0", -5, 10), t.suggest_float("x1", 0, 15)]
    b = 5.1 / (4 * math.pi ** 2)
    r = x[1] - b * x[0] ** 2 + 5 / math.pi * x[0] - 6
    return r * r + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x[0]) + 10


def hartmann6(t):
    x = floats(t, 6, 0, 1)
    return -sum(H_ALPHA[i] * math.exp(-sum(H_A[i][j] * (x[j] - H_P[i][j] * 1e-4) ** 2 for j in range(6)))
                for i in range(4))


def rosenbrock5(t):
    x = floats(t, 5, -5, 10)
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley10(t):
    x = floats(t, 10, -32.768, 32.768)
    d = len(x)
    s1 = sum(v * v for v in x)
    s2 = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(s1 / d)) - math.exp(s2 / d) + 20 + math.e


def mixed(t):
    x0 = t.suggest_float("x0", -5, 5)
    x1 = t.suggest_float("x1", -5, 5)
    k = t.suggest_int("k", 0, 9)  # randint [0, 10): upper bound exclusive
    lr = math.log10(t.suggest_float("lr", 1e-5, 1, log=True))
    c = t.suggest_categorical("c", ["a", "b", "c", "d"])
    cat = {"a": 1.0, "b": 0.0, "c": 0.5}.get(c, 2.0)
    return ((x0 - 1.3) ** 2 + 2 * (x1 + 0.7) ** 2 + 0.3 * (k - 6) ** 2 + (lr + 2.5) ** 2 + cat
            + 0.5 * (1 - math.cos(2 * math.pi * (x0 - 1.3))))


def conditional(t):
    name = t.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop"])
    if name == "sgd":
        lr = math.log10(t.suggest_float("sgd_lr", 1e-4, 1, log=True))
        v = 0.5 + (lr + 1) ** 2 + 4 * (t.suggest_float("sgd_momentum", 0, 0.99) - 0.9) ** 2
    elif name == "adam":
        lr = math.log10(t.suggest_float("adam_lr", 1e-5, 0.1, log=True))
        v = ((lr + 3.2) ** 2 + 10 * (t.suggest_float("adam_beta1", 0.5, 0.999) - 0.9) ** 2
             + 1000 * (t.suggest_float("adam_beta2", 0.9, 0.9999) - 0.999) ** 2)
    else:
        lr = math.log10(t.suggest_float("rmsprop_lr", 1e-5, 0.1, log=True))
        v = 0.3 + (lr + 2.5) ** 2 + 3 * (t.suggest_float("rmsprop_rho", 0.5, 0.99) - 0.9) ** 2
    return v + 0.1 * (math.log10(t.suggest_float("wd", 1e-6, 0.1, log=True)) + 4) ** 2


def zdt(t, two):
    x = floats(t, ZDT_DIMS, 0, 1)
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    r = x[0] / g
    return x[0], g * (1 - (r * r if two else math.sqrt(r)))


PROBLEMS = [("branin", branin, 1), ("hartmann6", hartmann6, 1), ("rosenbrock5", rosenbrock5, 1),
            ("ackley10", ackley10, 1), ("mixed", mixed, 1), ("conditional", conditional, 1),
            ("zdt1", lambda t: zdt(t, False), 2), ("zdt2", lambda t: zdt(t, True), 2)]


# held out: not in the table, run only when named (as VsOptunaProblems.heldOut)
def styblinski_tang(x):
    return sum(v ** 4 - 16 * v * v + 5 * v for v in x) / 2


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    s = math.sin(math.pi * w[0]) ** 2 + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return s + sum((wi - 1) ** 2 * (1 + 10 * math.sin(math.pi * wi + 1) ** 2) for wi in w[:-1])


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


def dixon_price(x):
    return (x[0] - 1) ** 2 + sum((i + 1) * (2 * x[i] ** 2 - x[i - 1]) ** 2 for i in range(1, len(x)))


HELD_OUT = [("styblinski6", lambda t: styblinski_tang(floats(t, 6, -5, 5)), 1),
            ("levy8", lambda t: levy(floats(t, 8, -10, 10)), 1),
            ("rastrigin6", lambda t: rastrigin(floats(t, 6, -5.12, 5.12)), 1),
            ("dixonprice6", lambda t: dixon_price(floats(t, 6, -10, 10)), 1)]


def hypervolume(points):
    pts = sorted(p for p in points if p[0] < REF[0] and p[1] < REF[1])
    area, best_y = 0.0, REF[1]
    for x, y in pts:
        if y >= best_y:
            continue
        area += (REF[0] - x) * (best_y - y)
        best_y = y
    return area


def sampler(label, seed):
    if label in ("optuna-tpe", "optuna-tpe-4", "optuna-motpe"):
        return optuna.samplers.TPESampler(seed=seed)
    if label == "optuna-tpe-cl-4":
        return optuna.samplers.TPESampler(seed=seed, constant_liar=True)
    if label == "optuna-nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed)
    raise ValueError(label)


def run(f, objectives, label, seed):
    study = optuna.create_study(sampler=sampler(label, seed), directions=["minimize"] * objectives)
    inflight = 4 if label.endswith("-4") else 1
    running, done, at, asked = [], [], [], 0
    while len(done) < TRIALS:
        while len(running) < inflight and asked < TRIALS:
            trial = study.ask()
            running.append((trial, f(trial)))  # evaluated now, told when it "finishes"
            asked += 1
        trial, value = running.pop(0)
        study.tell(trial, value)
        done.append(value)
        if len(done) in BUDGETS:
            at.append(min(done) if objectives == 1 else hypervolume(done))
    return at


def main():
    out = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    labels = sys.argv[3].split(",") if len(sys.argv) > 3 else ["optuna-tpe", "optuna-tpe-4", "optuna-tpe-cl-4",
                                                              "optuna-motpe", "optuna-nsga2"]
    only = sys.argv[4].split(",") if len(sys.argv) > 4 else None
    with open(out, "w") as w:
        w.write("problem,searcher,seed,at50,at100,seconds\n")
        for name, f, objectives in PROBLEMS + (HELD_OUT if only else []):
            if only and name not in only:
                continue
            for label in labels:
                multi = label in ("optuna-motpe", "optuna-nsga2")
                if multi != (objectives == 2):
                    continue
                for seed in range(seeds):
                    t0 = time.perf_counter()
                    at = run(f, objectives, label, seed)
                    w.write("%s,%s,%d,%.17g,%.17g,%.3f\n" % (name, label, seed, at[0], at[1], time.perf_counter() - t0))
                    w.flush()
                print("done", name, label, file=sys.stderr)


if __name__ == "__main__":
    main()
