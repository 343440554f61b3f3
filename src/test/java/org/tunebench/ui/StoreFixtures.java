package org.tunebench.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;

/** Writes a finished experiment through the store's own API (as the driver's journal does), no workers. */
final class StoreFixtures {
  private StoreFixtures() {}

  static final String SPEC = """
      {"name":"%s","trainable":{"jar":"/nonexistent.jar","class":"X"},
       "space":{"lr":{"loguniform":[0.0001,0.1]},"depth":{"randint":[2,10]}},"metric":"loss","mode":"min"}""";

  /** Two objectives: loss (min) and latency_ms (min), which grows with depth while loss falls with it. */
  static final String SPEC_TWO = """
      {"name":"%s","trainable":{"jar":"/nonexistent.jar","class":"X"},
       "space":{"lr":{"loguniform":[0.0001,0.1]},"depth":{"randint":[2,10]}},
       "metric":["loss","latency_ms"],"mode":["min","min"]}""";

  /** Three objectives: {@link #SPEC_TWO}'s and size_mb (min), which grows with depth and lr. */
  static final String SPEC_THREE = SPEC_TWO.replace("\"metric\":[\"loss\",\"latency_ms\"],\"mode\":[\"min\",\"min\"]",
      "\"metric\":[\"loss\",\"latency_ms\",\"size_mb\"],\"mode\":[\"min\",\"min\",\"min\"]");

  /** {@code trials} trials of {@code iters} results each; the last trial is ERRORED after 2 results. */
  /**
   * 8 trials x 20 results as {@link #fill}, and trial 00002 (one result a second from t0 + 40 s) copying 00001
   * by a PBT exploit after its 5th result.
   */
  static void fillWithExploit(ExperimentStore store, Path home, String name) {
    fill(store, home, name, 8, 20, 3);
    var e = store.find(name).orElseThrow();
    try (var j = store.journal(e.id())) {
      Instant at = store.results(e.id(), "00002").get(4).at().plusMillis(500);
      j.exploit("00002", "00001", Map.of("lr", 0.01, "depth", 3L), Map.of("lr", 0.012, "depth", 3L), "ck", at);
      j.flush();
    }
  }

  static void fill(ExperimentStore store, Path home, String name, int trials, int iters, long seed) {
    fill(store, home, name, trials, iters, seed, 1);
  }

  /**
   * As above with 1, 2 or 3 objectives: with two the spec has {@link #SPEC_TWO}'s and every result also reports
   * latency_ms, a trade-off against loss (deeper models: lower loss, higher latency); with three also size_mb.
   */
  static void fill(ExperimentStore store, Path home, String name, int trials, int iters, long seed, int objectives) {
    boolean twoObjectives = objectives >= 2;
    String spec = objectives == 3 ? SPEC_THREE : twoObjectives ? SPEC_TWO : SPEC;
    long id = store.create(name, spec.formatted(name), null, "loss", "min", home);
    Random rnd = new Random(seed);
    Instant t0 = Instant.now().minusSeconds(600);
    try (H2Journal j = store.journal(id)) {
      j.experimentStatus("RUNNING", t0);
      for (int t = 0; t < trials; t++) {
        String tid = String.format("%05d", t);
        boolean errs = t == trials - 1;
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("lr", Math.pow(10, -4 + 3 * rnd.nextDouble()));
        cfg.put("depth", 2 + rnd.nextInt(8));
        Instant start = t0.plusSeconds(20L * t);
        j.trialSaved(snap(tid, t, TrialStatus.PENDING, cfg, 0, null, null, start, home.resolve(tid).toString()));
        j.statusChanged(tid, TrialStatus.PENDING, TrialStatus.RUNNING, "started", start.plusSeconds(1));
        int n = errs ? 2 : iters;
        double scale = twoObjectives ? 0.3 + 6.0 / (int) cfg.get("depth") * (0.6 + 0.8 * rnd.nextDouble())
            : 1 + rnd.nextDouble() * 3;
        Double best = null;
        Map<String, Object> last = null;
        for (int i = 1; i <= n; i++) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("training_iteration", i);
          double loss = scale * Math.exp(-i / 8.0) + 0.05 * rnd.nextDouble();
          r.put("loss", loss);
          if (twoObjectives) r.put("latency_ms", 4.0 * (int) cfg.get("depth") + 2 * rnd.nextDouble());
          if (objectives == 3) r.put("size_mb", (int) cfg.get("depth") * (1 + 300 * (double) cfg.get("lr")));
          r.put("time_total_s", i * 0.5);
          r.put("timestamp", start.plusSeconds(1 + i).toEpochMilli() / 1000.0);
          best = best == null ? loss : Math.min(best, loss);
          last = r;
          j.result(tid, i, r, start.plusSeconds(1 + i), false, () -> {});
        }
        if (t == 0) {
          // a pause in the middle, so the timeline has a PAUSED span
          j.statusChanged(tid, TrialStatus.RUNNING, TrialStatus.PAUSED, "paused", start.plusSeconds(4));
          j.statusChanged(tid, TrialStatus.PAUSED, TrialStatus.RUNNING, "resumed", start.plusSeconds(9));
        }
        TrialStatus end = errs ? TrialStatus.ERRORED : TrialStatus.TERMINATED;
        j.statusChanged(tid, TrialStatus.RUNNING, end, errs ? "error" : "done", start.plusSeconds(2 + n));
        TrialSnapshot fin = new TrialSnapshot(tid, t, end, cfg, n, last, best, 0,
            errs ? "IllegalArgumentException: x out of range" : null,
            errs ? "java.lang.IllegalArgumentException: x out of range\n\tat Rosenbrock.step(Rosenbrock.java:42)" : null,
            home.resolve(tid).toString(), null, start, n * 0.5, null, null, null, null);
        j.trialSaved(fin);
      }
      j.experimentStatus("COMPLETED", t0.plusSeconds(20L * trials + 30));
      j.flush();
    }
  }

  private static TrialSnapshot snap(String id, int seq, TrialStatus s, Map<String, Object> cfg, int it,
      Map<String, Object> last, Double best, Instant at, String dir) {
    return new TrialSnapshot(id, seq, s, cfg, it, last, best, 0, null, null, dir, null, at, 0, null, null, null, null);
  }
}
