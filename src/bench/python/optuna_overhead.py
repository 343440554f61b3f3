"""Fixed-overhead peer for EngineBench: 1,000 trivial trials, RandomSampler, SQLite storage.

Usage: /usr/bin/python3 src/bench/python/optuna_overhead.py [TRIALS] [DB_DIR]
Prints one line: `optuna trials=N wall_s=X import_s=Y` where wall_s covers create_study + optimize
(the storage is a fresh file each run) and import_s the `import optuna` time, reported separately.
"""
import os
import sys
import tempfile
import time

t0 = time.perf_counter()
import optuna  # noqa: E402

import_s = time.perf_counter() - t0
optuna.logging.set_verbosity(optuna.logging.WARNING)

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
d = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="optuna-bench-")
db = os.path.join(d, "optuna.db")
if os.path.exists(db):
    os.remove(db)


def objective(trial):
    return trial.suggest_float("x", -10.0, 10.0) ** 2


t1 = time.perf_counter()
study = optuna.create_study(storage="sqlite:///" + db, sampler=optuna.samplers.RandomSampler(seed=0))
study.optimize(objective, n_trials=n)
wall = time.perf_counter() - t1
print(f"optuna trials={len(study.trials)} wall_s={wall:.3f} import_s={import_s:.3f}", flush=True)
