package org.tunebench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.WindowPrefs;
import org.tunebench.ui.command.ActionFactory;
import org.tunebench.ui.command.CommandSet;
import org.tunebench.ui.run.RunDashboardView;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.HistoryLoader;

/**
 * Opening a large past experiment, as History's Reopen does: the store read off the FX thread
 * ({@link HistoryLoader#load}), then the run dashboard built and laid out on the FX thread. Writes the
 * experiment through the store's own journal first (trials x results per trial). Prints a markdown table.
 * Run under Xvfb: java -cp target/bench-classes:target/classes:$(cat target/cp.txt)
 *   org.tunebench.bench.HistoryOpenBench 10000 20 5
 */
public final class HistoryOpenBench {
  static final String SPEC = """
      {"name":"%s","trainable":{"jar":"/nonexistent.jar","class":"X"},
       "space":{"lr":{"loguniform":[0.0001,0.1]},"depth":{"randint":[2,10]}},"metric":"loss","mode":"min"}""";

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int results = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir = Files.createTempDirectory("tb-history-bench");
    CountDownLatch up = new CountDownLatch(1);
    Platform.startup(up::countDown);
    up.await();
    // each run closes its window: the toolkit must outlive the last one
    Platform.setImplicitExit(false);
    try (ExperimentStore store = ExperimentStore.open(dir.resolve("db.mv.db"))) {
      long t0 = System.nanoTime();
      fill(store, dir, "big", trials, results);
      System.out.printf("wrote %d trials x %d results in %.1f s%n", trials, results, (System.nanoTime() - t0) / 1e9);
      StoredExperiment e = store.find("big").orElseThrow();
      List<Double> load = new ArrayList<>();
      List<Double> show = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        long a = System.nanoTime();
        ExperimentSession s = HistoryLoader.load(store, e);
        long b = System.nanoTime();
        fx(() -> {
          Stage st = new Stage();
          RunDashboardView v = new RunDashboardView(s, new ActionFactory(new CommandSet()), x -> {},
              new WindowPrefs(java.util.prefs.Preferences.userRoot().node("tunebench-bench-history")));
          st.setScene(new Scene(v, 1200, 760));
          st.show();
          v.frame();
          v.applyCss();
          v.layout();
          st.close();
          return null;
        });
        long c = System.nanoTime();
        load.add((b - a) / 1e6);
        show.add((c - b) / 1e6);
        System.out.printf("run %d: store read %.0f ms, dashboard %.0f ms%n", r + 1, load.get(r), show.get(r));
        if (s.table().rows().size() != trials) throw new IllegalStateException("loaded " + s.table().rows().size() + " trials");
      }
      System.out.println("| measure (" + trials + " trials x " + results + " results, " + repeats + " runs) | ms per run |");
      System.out.println("|---|---|");
      System.out.println("| store read (HistoryLoader.load, off the FX thread) | " + fmt(load) + " |");
      System.out.println("| dashboard built and laid out (FX thread) | " + fmt(show) + " |");
      List<Double> total = new ArrayList<>();
      for (int i = 0; i < load.size(); i++) total.add(load.get(i) + show.get(i));
      System.out.println("| open from history, total | " + fmt(total) + " |");
    }
    Platform.exit();
  }

  static String fmt(List<Double> v) {
    return String.join(", ", v.stream().map(x -> String.format("%.0f", x)).toList());
  }

  static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
    FutureTask<T> f = new FutureTask<>(c);
    Platform.runLater(f);
    return f.get();
  }

  static void fill(ExperimentStore store, Path home, String name, int trials, int iters) {
    long id = store.create(name, SPEC.formatted(name), null, "loss", "min", home);
    Random rnd = new Random(1);
    Instant t0 = Instant.now().minusSeconds(3600);
    try (H2Journal j = store.journal(id)) {
      j.experimentStatus("RUNNING", t0);
      for (int t = 0; t < trials; t++) {
        String tid = String.format("%05d", t);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("lr", Math.pow(10, -4 + 3 * rnd.nextDouble()));
        cfg.put("depth", 2 + rnd.nextInt(8));
        Instant start = t0.plusMillis(300L * t);
        j.trialSaved(new TrialSnapshot(tid, t, TrialStatus.PENDING, cfg, 0, null, null, 0, null, null,
            home.resolve(tid).toString(), null, start, 0, null, null, null, null));
        j.statusChanged(tid, TrialStatus.PENDING, TrialStatus.RUNNING, "started", start.plusMillis(10));
        Double best = null;
        Map<String, Object> last = null;
        for (int i = 1; i <= iters; i++) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("training_iteration", i);
          double loss = Math.exp(-i / 8.0) + 0.05 * rnd.nextDouble();
          r.put("loss", loss);
          best = best == null ? loss : Math.min(best, loss);
          last = r;
          j.result(tid, i, r, start.plusMillis(10 + i), false, () -> {});
        }
        j.statusChanged(tid, TrialStatus.RUNNING, TrialStatus.TERMINATED, "stopped by asha scheduler", start.plusMillis(20 + iters));
        j.trialSaved(new TrialSnapshot(tid, t, TrialStatus.TERMINATED, cfg, iters, last, best, 0, null, null,
            home.resolve(tid).toString(), null, start, iters * 0.5, null, "stopped by asha scheduler", null, null));
      }
      j.experimentStatus("COMPLETED", t0.plusSeconds(3000));
      j.flush();
    }
  }
}
