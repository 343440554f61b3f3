package org.tunebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.search.SearcherSave;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;
import org.tunebench.wire.Wire;

/**
 * What storing the searcher's state costs per suggestion as an experiment grows: a TPE searcher (5
 * parameters; its startup phase made long so that a suggestion itself stays cheap and only the saving grows)
 * suggests trial after trial, each stored with the searcher's state through the real H2 journal in one commit
 * on the calling thread, as the driver does, and each finished with a loss. Reported at each size N: the
 * searcher-state bytes written for a suggestion and the wall time of save + store + commit, averaged over the
 * 50 suggestions up to N; then the time to read the state back and restore a searcher from it. Runs twice in
 * one JVM; the second round is the one to read.
 * <pre>SearcherStateBench N...</pre>
 */
public final class SearcherStateBench {
  private SearcherStateBench() {}

  private static final int WINDOW = 50;

  public static void main(String[] args) throws Exception {
    int[] sizes = new int[args.length];
    for (int i = 0; i < args.length; i++) sizes[i] = Integer.parseInt(args[i]);
    // round 0 warms the JIT up; round 1 is the measurement
    for (int round = 0; round < 2; round++) {
      System.out.println("round " + round);
      run(sizes);
    }
  }

  private static void run(int[] sizes) throws Exception {
    int max = sizes[sizes.length - 1];
    Path dir = Files.createTempDirectory("searcher-state-bench");
    Files.createFile(dir.resolve("t.jar"));
    ObjectNode s = (ObjectNode) Wire.JSON.readTree("""
        {"name": "bench", "metric": "loss", "mode": "min",
         "search": {"type": "tpe", "seed": 1, "nStartupTrials": 1000000},
         "space": {"a": {"uniform": [0, 1]}, "b": {"loguniform": [0.0001, 1]}, "c": {"randint": [1, 100]},
                   "d": {"choice": ["sgd", "adam", "rmsprop"]}, "e": {"uniform": [-5, 5]}},
         "resourcesPerTrial": {"cpu": 1}}""");
    s.putObject("trainable").put("jar", dir.resolve("t.jar").toString()).put("class", "T");
    s.put("numSamples", max);
    ExperimentSpec spec = SpecReader.read(s, dir, "bench");
    try (ExperimentStore store = ExperimentStore.open(dir.resolve("tunebench.mv.db"))) {
      long id = store.create("bench", "{}", null, "loss", "min", dir);
      H2Journal j = store.journal(id);
      j.commitFromCallerThread(true);
      Searcher searcher = SearcherRegistry.create(spec);
      int next = 0;
      for (int n = 1; n <= max; n++) {
        String trialId = String.format(Locale.ROOT, "%05d", n - 1);
        Map<String, Object> config = searcher.suggest(trialId).orElseThrow();
        long t0 = System.nanoTime();
        long bytes = store(j, searcher, snapshot(trialId, n - 1, config, dir));
        j.commitQueued();
        long ns = System.nanoTime() - t0;
        if (n > sizes[next] - WINDOW) window(ns, bytes);
        if (n == sizes[next]) {
          System.out.printf(Locale.ROOT, "%d trials: %.0f bytes of searcher state per suggestion, %.3f ms per suggestion%n",
              n, sumBytes / (double) count, sumNs / 1e6 / count);
          sumBytes = sumNs = count = 0;
          next++;
        }
        searcher.onTrialComplete(trialId, Map.of("loss", Math.sin(n) + n * 1e-4), false);
      }
      j.commitFromCallerThread(false);
      j.flush();
      long t0 = System.nanoTime();
      Searcher resumed = restore(store, id, spec);
      System.out.printf(Locale.ROOT, "resume at %d trials: %.1f ms to read and restore the searcher state (finished: %s)%n",
          max, (System.nanoTime() - t0) / 1e6, resumed.isFinished());
      j.close();
    }
  }

  private static long sumBytes;
  private static long sumNs;
  private static long count;

  private static void window(long ns, long bytes) {
    sumNs += ns;
    sumBytes += bytes;
    count++;
  }

  /** The driver's write at a suggestion; returns the searcher-state bytes it stores (state and entries). */
  private static long store(H2Journal j, Searcher searcher, TrialSnapshot t) {
    SearcherSave save = searcher.saveChanges();
    j.trialSuggested(t, save.state(), save.appended());
    long bytes = save.state().toString().getBytes(StandardCharsets.UTF_8).length;
    for (JsonNode e : save.appended()) bytes += e.toString().getBytes(StandardCharsets.UTF_8).length;
    return bytes;
  }

  /** What {@code resume} does: the state and the stored entries, read back and restored. */
  private static Searcher restore(ExperimentStore store, long id, ExperimentSpec spec) throws Exception {
    Searcher s = SearcherRegistry.create(spec);
    String state = store.find("bench").orElseThrow().searcherState();
    List<JsonNode> entries = new ArrayList<>();
    for (String e : store.searcherEntries(id)) entries.add(Wire.JSON.readTree(e));
    s.restore(Wire.JSON.readTree(state), entries);
    return s;
  }

  private static TrialSnapshot snapshot(String id, int seq, Map<String, Object> config, Path dir) {
    return new TrialSnapshot(id, seq, TrialStatus.PENDING, config, 0, null, null, 0, null, null,
        dir.resolve("trial_" + id).toString(), null, Instant.now(), 0, null, null, null, List.of());
  }
}
