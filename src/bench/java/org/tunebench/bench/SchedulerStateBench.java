package org.tunebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tunebench.engine.PluginStates;
import org.tunebench.engine.ResultEffects;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.schedule.MedianStoppingScheduler;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;
import org.tunebench.wire.Wire;

/**
 * What storing the scheduler's state with every result costs as an experiment grows (decision 0019): the
 * median stopping rule (it keeps every trial's whole history, the largest built-in state) gets results from 8
 * trials at a time, 100 results each, the driver's {@code PluginStates} takes what each result changed, and the
 * result goes through the real H2 journal with it in one commit on the calling thread, as the driver does.
 * Reported at each size N (results so far): state bytes written per result (entries, and the snapshots that
 * replace them, amortised) and the wall time of take + store + commit per result, means over the 500 results up
 * to N, next to the size of the whole state (what one whole save would write); then the time to read back the
 * snapshot and its tail and restore a scheduler. Runs twice in one JVM; the second round is the one to read.
 * <pre>SchedulerStateBench N...</pre>
 */
public final class SchedulerStateBench {
  private SchedulerStateBench() {}

  private static final int WINDOW = 500;
  private static final int PER_TRIAL = 100;
  private static final int AT_ONCE = 8;

  public static void main(String[] args) throws Exception {
    int[] sizes = new int[args.length];
    for (int i = 0; i < args.length; i++) sizes[i] = Integer.parseInt(args[i]);
    for (int round = 0; round < 2; round++) {
      System.out.println("round " + round);
      run(sizes);
    }
  }

  private record View(String id, int seq) implements TrialView {
    @Override public TrialStatus status() { return TrialStatus.RUNNING; }
    @Override public Map<String, Object> config() { return Map.of(); }
    @Override public Map<String, Object> lastResult() { return null; }
  }

  private static TrialScheduler median() {
    // hardStop false: a losing trial is paused for good here, so every trial reports all its results
    return new MedianStoppingScheduler("score", Mode.MAX, "training_iteration", 5, 3, 0, false);
  }

  private static void run(int[] sizes) throws Exception {
    int max = sizes[sizes.length - 1];
    Path dir = Files.createTempDirectory("scheduler-state-bench");
    try (ExperimentStore store = ExperimentStore.open(dir.resolve("tunebench.mv.db"))) {
      long id = store.create("bench", "{}", null, "score", "max", dir);
      H2Journal j = store.journal(id);
      j.commitFromCallerThread(true);
      TrialScheduler scheduler = median();
      PluginStates states = new PluginStates(scheduler, new Stopper() {
        @Override public boolean stopTrial(String trialId, Map<String, Object> result) {
          return false;
        }
      });
      states.snapshot(j);
      j.commitQueued();
      Map<String, Integer> iteration = new HashMap<>();
      List<View> live = new ArrayList<>();
      int trials = 0;
      int next = 0;
      long sumNs = 0;
      long sumBytes = 0;
      for (int n = 1; n <= max; n++) {
        while (live.size() < AT_ONCE) {
          View v = new View(String.format(Locale.ROOT, "%05d", trials), trials++);
          j.trialSaved(new TrialSnapshot(v.id(), v.seq(), TrialStatus.RUNNING, Map.of(), 0, null, null, 0, null, null,
              dir.resolve(v.id()).toString(), null, Instant.now(), 0, null, null, null, List.of()));
          live.add(v);
        }
        View v = live.get(n % live.size());
        int it = iteration.merge(v.id(), 1, Integer::sum);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("training_iteration", it);
        r.put("score", (1 + (v.seq() * 7919 % 13) / 13.0) * (1 - Math.exp(-it / 20.0)));
        scheduler.onTrialResult(v, r);
        long before = states.bytesWritten();
        long t0 = System.nanoTime();
        ResultEffects fx = states.forResult(null);
        j.result(v.id(), it, r, Instant.now(), false, fx, null);
        j.commitQueued();
        long ns = System.nanoTime() - t0;
        if (n > sizes[next] - WINDOW) {
          sumNs += ns;
          sumBytes += states.bytesWritten() - before;
        }
        if (it == PER_TRIAL) live.remove(v);
        if (n == sizes[next]) {
          int whole = scheduler.save().toString().length();
          System.out.printf(Locale.ROOT, "%d results (%d trials): %.0f bytes of scheduler state per result (%.0f over the"
              + " whole run, snapshots included), %.3f ms per result; the whole state is %d bytes%n", n, trials,
              sumBytes / (double) WINDOW, states.bytesWritten() / (double) n, sumNs / 1e6 / WINDOW, whole);
          sumNs = sumBytes = 0;
          next++;
        }
      }
      j.commitFromCallerThread(false);
      j.flush();
      long t0 = System.nanoTime();
      TrialScheduler back = median();
      String state = store.find("bench").orElseThrow().schedulerState();
      List<JsonNode> entries = new ArrayList<>();
      for (String e : store.pluginEntries(id, ResultEffects.SCHEDULER)) entries.add(Wire.JSON.readTree(e));
      back.restore(state == null ? null : Wire.JSON.readTree(state), entries);
      double ms = (System.nanoTime() - t0) / 1e6;
      System.out.printf(Locale.ROOT, "resume at %d results: %.1f ms to read and restore (%d entries after the snapshot;"
          + " equal: %s)%n", max, ms, entries.size(), back.save().equals(scheduler.save()));
      j.close();
    }
  }
}
