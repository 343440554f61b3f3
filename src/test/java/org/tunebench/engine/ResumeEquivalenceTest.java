package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tunebench.engine.fake.FakeExecutor;
import org.tunebench.engine.fake.FakeExecutor.FakeWorker;
import org.tunebench.engine.fake.InMemoryJournal;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.engine.stop.StopperRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentStatus;
import org.tunebench.model.SpecReader;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Wire;

/**
 * Resume equivalence through the driver, per plug-in family: a deterministic trainable (scripted fake workers,
 * a checkpoint at every iteration; of the running trials the least trained reports next, ties by id, so the
 * order of results depends only on the state) runs an experiment once without a break and once
 * interrupted after the k-th result, the second driver built from what the first saved (searcher, scheduler and
 * stopper states, trials and checkpoints) as {@code resume} builds it. Every trial must get the same config and
 * the same decision at every iteration, and end the same way.
 */
class ResumeEquivalenceTest {
  @TempDir Path tmp;

  private static final Map<String, String> CASES = Map.of(
      "random+fifo+stoppers", """
          {"search": {"type": "random", "seed": 3}, "maxConcurrentTrials": 2,
           "stop": [{"type": "maximum_iteration", "maxIter": 7},
                    {"type": "trial_plateau", "metric": "score", "std": 0.05, "numResults": 3, "gracePeriod": 2}]}""",
      "tpe+asha", """
          {"search": {"type": "tpe", "seed": 5, "nStartupTrials": 2}, "maxConcurrentTrials": 2,
           "scheduler": {"type": "asha", "timeAttr": "training_iteration", "maxT": 9, "gracePeriod": 1,
                         "reductionFactor": 2}}""",
      "gp+median", """
          {"search": {"type": "gp", "seed": 5, "nStartupTrials": 2}, "maxConcurrentTrials": 2,
           "scheduler": {"type": "median", "timeAttr": "training_iteration", "gracePeriod": 2,
                         "minSamplesRequired": 2}, "stop": {"training_iteration": 8}}""",
      // synchronous halving: trials wait PAUSED at a milestone for their bracket; 9 trials fill two brackets
      "random+hyperband", """
          {"search": {"type": "random", "seed": 7}, "maxConcurrentTrials": 2, "numSamples": 9,
           "scheduler": {"type": "hyperband", "timeAttr": "training_iteration", "maxT": 9, "reductionFactor": 3}}""",
      // time-multiplexed population: PBT pauses trials at perturbation points and clones donors (reset in place)
      "random+pbt+experiment_plateau", """
          {"search": {"type": "random", "seed": 11}, "maxConcurrentTrials": 2,
           "scheduler": {"type": "pbt", "timeAttr": "training_iteration", "perturbationInterval": 2,
                         "quantileFraction": 0.34, "seed": 13,
                         "hyperparamMutations": {"lr": {"uniform": [0.1, 1.0]}, "x": [0.1, 0.3, 0.5, 0.7, 0.9]}},
           "stop": [{"type": "maximum_iteration", "maxIter": 10},
                    {"type": "experiment_plateau", "metric": "score", "std": 0.002, "top": 3, "patience": 4}]}""",
      // hardStop false: a losing trial is paused and runs on once nothing new waits (FIFO, as Ray's)
      "random+median_pausing", """
          {"search": {"type": "random", "seed": 9}, "maxConcurrentTrials": 2,
           "scheduler": {"type": "median", "timeAttr": "training_iteration", "gracePeriod": 2,
                         "minSamplesRequired": 2, "hardStop": false}, "stop": {"training_iteration": 8}}""",
      "tpe+hyperband", """
          {"search": {"type": "tpe", "seed": 5, "nStartupTrials": 3}, "maxConcurrentTrials": 3, "numSamples": 9,
           "scheduler": {"type": "hyperband", "timeAttr": "training_iteration", "maxT": 9, "reductionFactor": 3}}""");

  /** A curve that rises towards a level set by the config, different per trial. */
  private static double score(Map<String, Object> config, int it) {
    double x = ((Number) config.get("x")).doubleValue();
    double lr = ((Number) config.get("lr")).doubleValue();
    return (1 - (x - 0.4) * (x - 0.4)) * (1 - Math.exp(-it * lr / 2.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"random+fifo+stoppers", "tpe+asha", "gp+median", "random+hyperband",
      "random+pbt+experiment_plateau", "tpe+hyperband", "random+median_pausing"})
  void anInterruptedAndResumedRunDecidesAsAnUninterruptedOne(String name) throws Exception {
    Run whole = new Run(name, "whole");
    Map<String, TreeMap<String, String>> uninterrupted = whole.go(-1);
    assertTrue(uninterrupted.size() >= 4, uninterrupted.toString());
    // the scenario must hold decisions other than going on to the end, or it would prove little
    List<String> lastIterations = uninterrupted.values().stream().map(d -> d.headMap(END).lastKey()).toList();
    assertTrue(lastIterations.stream().distinct().count() > 1, "no trial ended earlier than another: " + uninterrupted);
    String all = uninterrupted.toString();
    if (name.contains("pbt")) assertTrue(all.contains(Msg.RESET), "no PBT exploit in the scenario: " + all);
    for (String pauser : List.of("hyperband", "median_pausing")) {
      String by = "paused by " + pauser.replace("_pausing", "");
      if (name.contains(pauser)) {
        assertTrue(whole.journal.events.stream().anyMatch(e -> String.valueOf(e.reason()).startsWith(by)),
            "no trial was " + by + ": " + all);
      }
    }
    int total = new Run(name, "count").countResults();
    // every point: right after a halving, an exploit, a pause or a stop, with trials waiting or not
    for (int at = 1; at < total; at++) {
      assertEquals(uninterrupted, new Run(name, "cut" + at).go(at), name + ", interrupted after result " + at);
    }
  }

  /**
   * As above, but the first driver is killed hard: the second one is built only from what the journal had
   * stored when the k-th result was committed (before its reply went out, before any other write), at every
   * k. Nothing is saved at an end; the scheduler's and stoppers' changes must have gone with each result.
   * An iteration the killed driver had stored but whose checkpoint never came is trained again: its first
   * answer is the one compared, and the resumed driver must answer it "go on" (it was decided already).
   */
  @ParameterizedTest
  @ValueSource(strings = {"random+fifo+stoppers", "tpe+asha", "gp+median", "random+hyperband",
      "random+pbt+experiment_plateau", "tpe+hyperband", "random+median_pausing"})
  void aRunKilledHardAtAnyResultAndResumedDecidesAsAnUninterruptedOne(String name) throws Exception {
    Map<String, TreeMap<String, String>> uninterrupted = new Run(name, "hard-whole", true).go(-1);
    int total = new Run(name, "hard-count", true).countResults();
    for (int at = 1; at < total; at++) {
      Run cut = new Run(name, "kill" + at, true);
      assertEquals(uninterrupted, cut.go(at), name + ", killed after result " + at);
      assertTrue(cut.replays.stream().allMatch(r -> r.endsWith(Msg.CONTINUE)), name + ", killed after result " + at + ": a replayed iteration was answered " + cut.replays);
    }
  }

  /**
   * PBT with the driver killed hard right after a worker's reset in place was handled (the exploit stored, the
   * trial's next result not yet), after each exploit in turn: the resumed run decides as an uninterrupted one
   * and the history holds every exploit once.
   */
  @org.junit.jupiter.api.Test
  void aRunKilledRightAfterAnExploitDecidesAsAnUninterruptedOneAndRecordsTheExploitOnce() throws Exception {
    String name = "random+pbt+experiment_plateau";
    Run whole = new Run(name, "x-whole", true);
    Map<String, TreeMap<String, String>> uninterrupted = whole.go(-1);
    List<String> exploits = whole.exploits();
    assertTrue(exploits.size() >= 2, "too few exploits to cut at: " + exploits);
    int carriedOut = 0;
    for (int k = 1; k <= exploits.size(); k++) {
      Run cut = new Run(name, "xkill" + k, true);
      cut.killAfterExploit = k;
      assertEquals(uninterrupted, cut.go(-1), name + ", killed after exploit " + k);
      assertEquals(exploits, cut.exploits(), name + ", killed after exploit " + k);
      assertTrue(cut.repeatedCheckpointRows() <= whole.repeatedCheckpointRows(),
          name + ", killed after exploit " + k + ": a checkpoint row stored twice " + cut.journal.checkpointRows);
      if (cut.journal.events.stream().anyMatch(e -> String.valueOf(e.reason()).startsWith("PBT exploit of trial"))) carriedOut++;
    }
    // at least one cut left the trial at the exploited result, where the stored decision is carried out again
    assertTrue(carriedOut > 0, "no cut resumed by carrying out a stored exploit");
  }

  private static final String END = "~end";

  /** One experiment, possibly interrupted once and resumed; records each trial's decision per iteration. */
  private final class Run {
    final ExperimentSpec spec;
    final Path dir;
    FakeExecutor executor = new FakeExecutor();
    InMemoryJournal journal = new InMemoryJournal();
    final Map<String, TreeMap<String, String>> decisions = new TreeMap<>();
    /** Kill hard instead of interrupting; decisions are keyed by iteration and config, first answer kept. */
    final boolean hard;
    /** What the journal held when the result to kill at was committed. */
    volatile InMemoryJournal committed;
    /** Answers to iterations asked a second time after a hard kill (replays). */
    final List<String> replays = new ArrayList<>();
    /**
     * Per trial the killed driver left running without a stored answer to carry out (or with a pause), the
     * iteration it had stored last: its checkpoint never came, so the resumed driver is asked it again.
     */
    final Map<String, Integer> replayAt = new java.util.HashMap<>();
    int results;
    /** Kill hard once this many exploits are stored and the last one's reset was handled; 0: never. */
    int killAfterExploit;
    private boolean killNow;
    TuneController driver;
    Thread loop;

    Run(String name, String tag) throws Exception {
      this(name, tag, false);
    }

    Run(String name, String tag, boolean hard) throws Exception {
      this.hard = hard;
      dir = Files.createDirectories(tmp.resolve(name.replace('+', '_') + "-" + tag));
      Path jar = Files.createFile(dir.resolve("t.jar"));
      ObjectNode s = (ObjectNode) Wire.JSON.readTree(CASES.get(name));
      s.put("name", "resume");
      s.putObject("trainable").put("jar", jar.toString()).put("class", "T");
      s.set("space", Wire.JSON.readTree("{\"x\": {\"uniform\": [0, 1]}, \"lr\": {\"uniform\": [0.1, 1.0]}}"));
      s.put("metric", "score").put("mode", "max");
      if (!s.has("numSamples")) s.put("numSamples", 6);
      s.putObject("resourcesPerTrial").put("cpu", 1).put("memoryMb", 64);
      s.putObject("checkpoint").put("frequency", 1);
      spec = SpecReader.read(s, dir, "resume");
    }

    Map<String, TreeMap<String, String>> go(int interruptAfter) throws Exception {
      if (hard && interruptAfter > 0) {
        journal.afterResultStored = n -> {
          if (n == interruptAfter) committed = journal.copy();
        };
      }
      start(false);
      boolean cut = simulate(interruptAfter);
      if (cut) {
        if (hard) {
          journal = committed;
          executor = new FakeExecutor();
        }
        killNow = false;
        killAfterExploit = 0;
        start(true);
        simulate(-1);
      }
      String status = driver.finished().get(10, TimeUnit.SECONDS);
      loop.join(5000);
      decisions.put("experiment", new TreeMap<>(Map.of("0", status)));
      for (TrialSnapshot t : driver.snapshots().join()) {
        decisions.computeIfAbsent(t.id(), k -> new TreeMap<>()).put(END,
            t.status() + " " + t.endReason() + " " + t.config());
      }
      return decisions;
    }

    /** The exploits stored, each as trial, donor, new config and checkpoint (relative to this run's folder). */
    List<String> exploits() {
      return journal.exploits.stream().map(x -> x.trialId() + " from " + x.donorId() + " " + new TreeMap<>(x.newConfig())
          + " " + dir.relativize(Path.of(x.checkpoint()))).toList();
    }

    /** Checkpoint rows whose trial and folder an earlier row already has. */
    long repeatedCheckpointRows() {
      List<String> rows = journal.checkpointRows.stream().map(c -> c.trialId() + " " + c.path()).toList();
      return rows.size() - rows.stream().distinct().count();
    }

    /** How many results an uninterrupted run takes, to interrupt late in it too. */
    int countResults() throws Exception {
      go(-1);
      return results;
    }

    /** A fresh driver; when resuming, built from the saved states, trials and checkpoints as resume does. */
    void start(boolean resume) throws Exception {
      Searcher searcher = SearcherRegistry.create(spec);
      TrialScheduler scheduler = SchedulerRegistry.create(spec, null);
      DriverOptions options = DriverOptions.defaults();
      Stopper stopper = StopperRegistry.create(spec.stop(), spec.metric(), spec.mode(), spec.timeBudgetS(),
          options.clock(), null);
      if (resume) {
        if (journal.searcherState != null) {
          searcher.restore(Wire.JSON.readTree(journal.searcherState.toString()), reread(journal.searcherEntries));
        }
        // as resume: the newest whole state, then the entries written after it (decision 0019)
        scheduler.restore(reread(journal.schedulerState), reread(journal.entries(ResultEffects.SCHEDULER)));
        stopper.restore(reread(journal.stopperState), reread(journal.entries(ResultEffects.STOPPER)));
      }
      driver = new TuneController(spec, "T", dir.resolve("exp"), journal, executor, searcher, scheduler, stopper,
          new ResourcePool(4, 0, 16_000), options, resume ? ExperimentStatus.INTERRUPTED : ExperimentStatus.CREATED);
      if (resume) {
        for (TrialSnapshot t : new TreeMap<>(journal.trials).values()) {
          List<CheckpointRef> refs = new ArrayList<>();
          for (InMemoryJournal.Checkpoint c : journal.checkpointRows) {
            boolean removed = journal.checkpointRemovals.stream()
                .anyMatch(r -> r.trialId().equals(c.trialId()) && r.path().equals(c.path()));
            if (c.trialId().equals(t.id()) && !removed) {
              refs.add(new CheckpointRef(c.iteration(), c.timeTotalS(), Path.of(c.path())));
            }
          }
          driver.restoreTrial(t, refs);
        }
        Map<String, com.fasterxml.jackson.databind.JsonNode> decided = journal.lastDecisions();
        Map<String, Integer> exploitCounts = journal.exploitCounts();
        for (String id : journal.trials.keySet()) driver.restoreDecision(id, decided.get(id), exploitCounts.getOrDefault(id, 0));
        for (TrialSnapshot t : journal.trials.values()) {
          var d = decided.get(t.id());
          boolean carriedOut = d != null && d.path("iteration").asInt() == t.iteration() && !d.path("d").asText().equals("pause");
          if (hard && t.status() == org.tunebench.model.TrialStatus.RUNNING && !carriedOut) replayAt.put(t.id(), t.iteration());
        }
      }
      loop = new Thread(driver::run, "resume-test-driver");
      loop.start();
    }

    /** A running trial's worker as the test plays it. */
    final class Live {
      final FakeWorker w;
      Map<String, Object> config;
      int it;

      Live(FakeWorker w) throws Exception {
        this.w = w;
        config = new LinkedHashMap<>(w.spec.config());
        it = iterationOf(w.spec.restore());
      }
    }

    /** Waits until the driver has handled everything sent so far (its answer comes through its own queue). */
    void settle() {
      if (!driver.finished().isDone()) driver.snapshots().join();
    }

    /** Plays the workers the driver launches until it ends; true when it interrupted the driver. */
    boolean simulate(int interruptAfter) throws Exception {
      List<Live> live = new ArrayList<>();
      int idle = 0;
      while (!driver.finished().isDone()) {
        settle();
        for (FakeWorker w = executor.pollWorker(0); w != null; w = executor.pollWorker(0)) {
          w.started("class");
          live.add(new Live(w));
          settle();
        }
        if (live.isEmpty()) {
          FakeWorker w = executor.pollWorker(100);
          if (w != null) {
            w.started("class");
            live.add(new Live(w));
            idle = 0;
          } else if (++idle > 50 && !driver.finished().isDone()) {
            throw new AssertionError("nothing runs for 5 s and the experiment does not end: " + driver.snapshots().join());
          }
          continue;
        }
        idle = 0;
        if (results == interruptAfter || killNow) {
          // hard: the driver is abandoned; what it writes from here on goes to a journal no one reads again
          driver.interrupt("test interrupts").get(5, TimeUnit.SECONDS);
          loop.join(5000);
          return true;
        }
        Live next = live.get(0);
        for (Live l : live) {
          if (l.it < next.it || (l.it == next.it && l.w.spec.trialId().compareTo(next.w.spec.trialId()) < 0)) next = l;
        }
        if (!step(next)) live.remove(next);
      }
      return false;
    }

    /** One result of one worker and what follows the driver's reply; false when the worker is done. */
    boolean step(Live l) throws Exception {
      FakeWorker w = l.w;
      l.it++;
      w.result("score", score(l.config, l.it));
      ObjectNode reply = w.reply();
      results++;
      String type = reply.path("type").asText();
      String answer = type + (type.equals(Msg.RESET) ? " " + reply.get("config") : "");
      TreeMap<String, String> byIteration = decisions.computeIfAbsent(w.spec.trialId(), k -> new TreeMap<>());
      if (!hard) {
        byIteration.put(String.format("%05d", l.it), answer);
      } else {
        Integer replay = replayAt.remove(w.spec.trialId());
        if (replay != null && replay == l.it) {
          // the killed driver's last result of this trial, trained again: it was decided before
          replays.add(w.spec.trialId() + " " + l.it + " " + answer);
        } else {
          byIteration.putIfAbsent(String.format("%05d %s", l.it, l.config), answer);
        }
      }
      if (reply.hasNonNull("checkpoint")) {
        Path d = Files.createDirectories(Path.of(reply.get("checkpoint").asText()));
        Files.writeString(d.resolve("iter"), Integer.toString(l.it));
        w.checkpointed(d);
      }
      switch (type) {
        case Msg.CONTINUE -> {
          return true;
        }
        case Msg.RESET -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> config = Wire.JSON.convertValue(reply.get("config"), Map.class);
          l.config = config;
          l.it = iterationOf(Path.of(reply.get("restore").asText()));
          w.resetDone(true);
          if (killAfterExploit > 0 && !killNow) {
            settle(); // the reset handled and stored: a kill now comes before the trial's next result
            if (journal.exploits.size() == killAfterExploit) {
              committed = journal.copy();
              killNow = true;
            }
          }
          return true;
        }
        default -> {
          w.finished("stopped");
          return false;
        }
      }
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode reread(com.fasterxml.jackson.databind.JsonNode n) throws Exception {
    return n == null ? null : Wire.JSON.readTree(n.toString());
  }

  private static List<com.fasterxml.jackson.databind.JsonNode> reread(List<com.fasterxml.jackson.databind.JsonNode> entries)
      throws Exception {
    List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
    for (var e : entries) out.add(reread(e));
    return out;
  }

  private static int iterationOf(Path checkpoint) throws Exception {
    return checkpoint == null ? 0 : Integer.parseInt(Files.readString(checkpoint.resolve("iter")));
  }
}
