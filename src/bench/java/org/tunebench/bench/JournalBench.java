package org.tunebench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;

/**
 * CPU of storing results through the real journal on the calling thread, as the driver's loop does, for a
 * range of results per commit: how much of a result's cost is the commit. Results are those of EngineBench's
 * Ticker after the driver's enrichment, spread over 16 trials ({@code -Dbench.extraMetrics=N} adds N of a user's own).
 * <pre>JournalBench RESULTS BATCH...</pre>
 */
public final class JournalBench {
  private JournalBench() {}

  private static final int EXTRA = Integer.getInteger("bench.extraMetrics", 0);

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Path dir = Files.createTempDirectory("journal-bench");
    try (ExperimentStore store = ExperimentStore.open(dir.resolve("tunebench.mv.db"))) {
      for (int round = 0; round < 2; round++) {
        for (int a = 1; a < args.length; a++) {
          int batch = Integer.parseInt(args[a]);
          long id = store.create("j" + round + "-" + batch, "{}", null, "score", "max", dir);
          H2Journal j = store.journal(id);
          for (int t = 0; t < 16; t++) j.trialSaved(snapshot(t));
          j.flush();
          j.commitFromCallerThread(true);
          long c0 = mx.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            j.result("t" + (i % 16), i / 16 + 1, result(i), Instant.now(), false, null);
            if ((i + 1) % batch == 0) j.commitQueued();
          }
          j.commitQueued();
          double cpuUs = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / n;
          double wallUs = (System.nanoTime() - w0) / 1e3 / n;
          j.commitFromCallerThread(false);
          j.close();
          System.out.printf(Locale.ROOT, "round %d, %d results per commit: %.1f us CPU per result, %.1f us wall%n",
              round, batch, cpuUs, wallUs);
        }
      }
    }
  }

  private static TrialSnapshot snapshot(int t) {
    return new TrialSnapshot("t" + t, t, TrialStatus.RUNNING, Map.of("sleep_ms", 10.0), 0, null, null, 0, null, null,
        "/tmp/x/t" + t, null, Instant.now(), 0, null, null, null, List.of());
  }

  private static Map<String, Object> result(int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", (double) i);
    m.put("loss", 1.0 / (i + 1));
    m.put("done", false);
    m.put("training_iteration", i / 16 + 1);
    m.put("time_this_iter_s", 0.0101234);
    m.put("time_total_s", i * 0.0101234);
    m.put("timestamp", System.currentTimeMillis() / 1000);
    m.put("trial_id", "t" + (i % 16));
    m.put("node", "localhost");
    m.put("pid", 12345L);
    m.put("iterations_since_restore", i / 16 + 1);
    // -Dbench.extraMetrics=N: a user's own metrics besides (a training run reports a dozen: losses, accuracies, rates)
    for (int k = 0; k < EXTRA; k++) m.put("metric_" + k, Math.sin(i + k) / 7.0);
    return m;
  }
}
