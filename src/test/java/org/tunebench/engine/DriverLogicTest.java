package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.fake.FakeExecutor;
import org.tunebench.engine.fake.FakeExecutor.FakeWorker;
import org.tunebench.engine.fake.InMemoryJournal;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.stop.StopperRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Wire;

/** The driver's logic against an in-memory executor and journal: no child JVM, no database. */
class DriverLogicTest {
  @TempDir Path tmp;
  private final FakeExecutor executor = new FakeExecutor();
  private final InMemoryJournal journal = new InMemoryJournal();
  private TuneController driver;
  private Thread loop;

  private TuneController start(Consumer<ObjectNode> edit, boolean keepAlive) throws Exception {
    return start(edit, keepAlive, null);
  }

  private TuneController start(Consumer<ObjectNode> edit, boolean keepAlive,
      org.tunebench.engine.schedule.TrialScheduler scheduler) throws Exception {
    ExperimentSpec spec = spec(edit);
    build(spec, SearcherRegistry.create(spec), scheduler, keepAlive, org.tunebench.model.ExperimentStatus.CREATED);
    loop = new Thread(driver::run, "test-driver");
    loop.start();
    return driver;
  }

  /** One sample of {@code x = 1}, metric score (max), 1 CPU; {@code edit} changes what a test needs. */
  private ExperimentSpec spec(Consumer<ObjectNode> edit) throws Exception {
    Path jar = Files.createFile(tmp.resolve("t.jar"));
    ObjectNode s = Wire.JSON.createObjectNode();
    s.put("name", "logic");
    s.putObject("trainable").put("jar", jar.toString()).put("class", "T");
    s.putObject("space").put("x", 1);
    s.put("metric", "score").put("mode", "max").put("numSamples", 1);
    s.putObject("resourcesPerTrial").put("cpu", 1).put("memoryMb", 64);
    edit.accept(s);
    return SpecReader.read(s, tmp, "logic");
  }

  /** The driver, not yet running; a null scheduler: the spec's. */
  private void build(ExperimentSpec spec, org.tunebench.engine.search.Searcher searcher,
      org.tunebench.engine.schedule.TrialScheduler scheduler, boolean keepAlive, org.tunebench.model.ExperimentStatus status) {
    DriverOptions options = DriverOptions.defaults().withGrace(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withKeepAlive(keepAlive);
    driver = new TuneController(spec, "T", tmp.resolve("exp"), journal, executor, searcher,
        scheduler != null ? scheduler : SchedulerRegistry.create(spec, null),
        StopperRegistry.create(spec.stop(), spec.metric(), spec.mode(), spec.timeBudgetS(), options.clock()),
        new ResourcePool(4, 0, 16_000), options, status);
  }

  @AfterEach void end() throws Exception {
    if (driver != null && !driver.finished().isDone()) driver.interrupt("test over").get(5, TimeUnit.SECONDS);
    if (loop != null) loop.join(5000);
  }

  private TrialSnapshot trial(String id) {
    return driver.snapshots().join().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private String awaitEnd() throws Exception {
    return driver.finished().get(5, TimeUnit.SECONDS);
  }

  @Test void aResultIsDurableBeforeTheWorkerMayGoOn() throws Exception {
    start(s -> s.putObject("stop").put("training_iteration", 2), false);
    journal.holdDurability = true;
    FakeWorker w = executor.nextWorker().started("class");
    w.result("score", 1.0);
    assertNull(w.replyWithin(300), "no reply before the result is stored");
    journal.releaseDurable();
    assertEquals(Msg.CONTINUE, w.reply().path("type").asText());
    w.result("score", 2.0);
    assertEquals(Msg.STOP, w.reply().path("type").asText());
    w.finished("returned");
    assertEquals("COMPLETED", awaitEnd());
    assertEquals("completed: stop condition met at iteration 2", trial("00000").endReason());
  }

  @Test void anOldCheckpointFolderOutlivesTheRowOfItsReplacement() throws Exception {
    start(s -> s.putObject("checkpoint").put("frequency", 1).put("numToKeep", 1), false);
    FakeWorker w = executor.nextWorker().started("class");
    Path c1 = Files.createDirectories(tmp.resolve("exp/trial_00000/checkpoint_000001"));
    w.result("score", 1.0);
    w.reply();
    w.checkpointed(c1);
    Path c2 = Files.createDirectories(tmp.resolve("exp/trial_00000/checkpoint_000002"));
    journal.holdDurability = true;
    w.result("score", 2.0);
    w.checkpointed(c2);
    Thread.sleep(200);
    assertTrue(Files.exists(c1), "the older folder stays while the newer checkpoint's row is not durable");
    journal.releaseDurable();
    w.reply();
    long until = System.currentTimeMillis() + 3000;
    while (Files.exists(c1) && System.currentTimeMillis() < until) Thread.sleep(20);
    assertFalse(Files.exists(c1), "then it is deleted");
    assertTrue(Files.exists(c2));
    assertEquals(List.of(c1.toString()), journal.checkpointsRemoved);
  }

  @Test void aRecoveredTrialKeepsItsAttemptsButNoFinalError() throws Exception {
    start(s -> {
      s.putObject("failure").put("maxRetries", 2);
      s.putObject("stop").put("training_iteration", 3);
      s.putObject("checkpoint").put("frequency", 1);
    }, false);
    FakeWorker w1 = executor.nextWorker().started("class");
    Path c1 = Files.createDirectories(tmp.resolve("exp/trial_00000/checkpoint_000001"));
    w1.result("score", 5.0);
    w1.reply();
    w1.checkpointed(c1);
    w1.result("score", 1.0);
    w1.reply();
    w1.exits("worker exited with code 137");
    FakeWorker w2 = executor.nextWorker().started("class");
    assertEquals(c1, w2.spec.restore(), "the retry restores the newest checkpoint");
    w2.result("score", 2.0);
    assertEquals(Msg.CONTINUE, w2.reply().path("type").asText());
    w2.result("score", 3.0);
    assertEquals(Msg.STOP, w2.reply().path("type").asText());
    w2.finished("returned");
    assertEquals("COMPLETED", awaitEnd());
    TrialSnapshot t = trial("00000");
    assertEquals(TrialStatus.TERMINATED, t.status());
    assertNull(t.error(), "a trial that recovered has no final error");
    assertEquals(1, t.attempts().size());
    assertTrue(t.attempts().get(0).startsWith("worker exited with code 137"), t.attempts().toString());
    // iteration 2 was replayed: the kept timeline holds each iteration once, and best follows it
    assertEquals(List.of(1, 2, 3), journal.timeline("00000").stream().map(InMemoryJournal.Result::iteration).toList());
    assertEquals(5.0, t.best());
  }

  /** Ray's recovery requeues a failed trial without telling the scheduler of an error; a user's restart re-adds it. */
  @Test void aRetriedTrialStaysWithTheSchedulerAndARestartedOneIsAddedAgain() throws Exception {
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.tunebench.engine.schedule.TrialScheduler recording = new org.tunebench.engine.schedule.TrialScheduler() {
      @Override public void onTrialAdd(org.tunebench.engine.schedule.TrialView t) { calls.add("add " + t.status()); }
      @Override public void onTrialError(org.tunebench.engine.schedule.TrialView t) { calls.add("error"); }
      @Override public void onTrialComplete(org.tunebench.engine.schedule.TrialView t, java.util.Map<String, Object> r) {
        calls.add("complete");
      }
      @Override public org.tunebench.engine.schedule.Decision onTrialResult(org.tunebench.engine.schedule.TrialView t,
          java.util.Map<String, Object> r) {
        return org.tunebench.engine.schedule.Decision.CONTINUE;
      }
    };
    start(s -> {
      s.putObject("failure").put("maxRetries", 1);
      s.putObject("stop").put("training_iteration", 5);
    }, true, recording);
    executor.nextWorker().started("class").exits("worker exited with code 137");
    executor.nextWorker().started("class").exits("worker exited with code 137");
    long until = System.currentTimeMillis() + 3000;
    while (trial("00000").status() != TrialStatus.ERRORED && System.currentTimeMillis() < until) Thread.sleep(10);
    assertEquals(List.of("add PENDING", "error"), calls, "the retry is not an error to the scheduler; the last failure is");
    driver.restartTrial("00000").get(5, TimeUnit.SECONDS);
    assertEquals(List.of("add PENDING", "error", "add PENDING"), calls);
  }

  /**
   * A driver killed after storing a trial's last result but before answering it leaves the trial RUNNING with
   * that result stored. On resume the trial ends there instead of restarting from that iteration's checkpoint
   * and training one iteration past its stop condition (torture driver-kill: 21 results for a stop at 20).
   */
  @Test void aResultStoredButNotAnsweredBeforeAKillEndsTheTrialOnResume() throws Exception {
    ExperimentSpec spec = spec(s -> s.putObject("stop").put("training_iteration", 3));
    org.tunebench.engine.search.Searcher searcher = SearcherRegistry.create(spec);
    searcher.suggest("00000"); // as the killed run's searcher did: its one sample is taken
    build(spec, searcher, null, false, org.tunebench.model.ExperimentStatus.INTERRUPTED);
    java.util.Map<String, Object> last = java.util.Map.of("training_iteration", 3, "score", 3.0);
    driver.restoreTrial(new TrialSnapshot("00000", 0, TrialStatus.RUNNING, java.util.Map.of("x", 1), 3, last, 3.0, 0,
        null, null, tmp.resolve("exp/trial_00000").toString(), null, java.time.Instant.now(), 0.3, null, null, null,
        List.of()), List.of());
    loop = new Thread(driver::run, "test-driver");
    loop.start();
    assertEquals("COMPLETED", awaitEnd());
    assertNull(executor.pollWorker(200), "no worker was started for it");
    TrialSnapshot t = trial("00000");
    assertEquals(TrialStatus.TERMINATED, t.status());
    assertEquals(3, t.iteration());
    assertTrue(t.endReason().startsWith("completed: stop condition met at iteration 3"), t.endReason());
  }

  /** An extended trial of a killed driver keeps its extension: its stored answers carry it. */
  @Test void anExtensionOutlivesAKilledDriver() throws Exception {
    ExperimentSpec spec = spec(s -> s.putObject("stop").put("training_iteration", 3));
    org.tunebench.engine.search.Searcher searcher = SearcherRegistry.create(spec);
    searcher.suggest("00000");
    build(spec, searcher, null, false, org.tunebench.model.ExperimentStatus.INTERRUPTED);
    java.util.Map<String, Object> last = java.util.Map.of("training_iteration", 4, "score", 4.0);
    driver.restoreTrial(new TrialSnapshot("00000", 0, TrialStatus.RUNNING, java.util.Map.of("x", 1), 4, last, 4.0, 0,
        null, null, tmp.resolve("exp/trial_00000").toString(), null, java.time.Instant.now(), 0.4, null, null, null,
        List.of()), List.of());
    // what the killed driver stored with its answer to iteration 4 of a trial extended to iteration 5
    driver.restoreDecision("00000", Wire.JSON.readTree("{\"iteration\": 4, \"stopAt\": 5, \"stopAtWhy\": \"extended by user\"}"), 0);
    loop = new Thread(driver::run, "test-driver");
    loop.start();
    FakeWorker w = executor.nextWorker().started("class");
    for (int i = 1; i <= 4; i++) {
      w.result("score", (double) i);
      assertEquals(Msg.CONTINUE, w.reply().path("type").asText(), "iteration " + i + " (replayed, or short of 5)");
    }
    w.result("score", 5.0);
    assertEquals(Msg.STOP, w.reply().path("type").asText());
    w.finished("returned");
    assertEquals("COMPLETED", awaitEnd());
    assertEquals("completed: reached iteration 5 (extended by user)", trial("00000").endReason());
    assertEquals(5, trial("00000").iteration());
  }

  /**
   * A stopped experiment opened again (a `resume` once did this, the workbench does it to extend or restart trials)
   * suggests nothing new and keeps its status; a COMPLETED one is not rewritten either.
   */
  @Test void aStoppedExperimentOpenedAgainStaysStoppedAndSuggestsNothing() throws Exception {
    for (org.tunebench.model.ExperimentStatus was : List.of(org.tunebench.model.ExperimentStatus.STOPPED,
        org.tunebench.model.ExperimentStatus.COMPLETED)) {
      journal.experimentStatuses.clear();
      // stopped: the first run took one sample of three before its user stopped it; completed: its only sample
      int samples = was == org.tunebench.model.ExperimentStatus.STOPPED ? 3 : 1;
      ExperimentSpec spec = spec(s -> s.put("numSamples", samples));
      org.tunebench.engine.search.Searcher searcher = SearcherRegistry.create(spec);
      searcher.suggest("00000");
      build(spec, searcher, null, false, was);
      driver.restoreTrial(new TrialSnapshot("00000", 0, TrialStatus.TERMINATED, java.util.Map.of("x", 1), 2,
          java.util.Map.of("training_iteration", 2, "score", 2.0), 2.0, 0, null, null,
          tmp.resolve("exp/trial_00000").toString(), null, java.time.Instant.now(), 0.3, "stopped by user", null, null,
          List.of()), List.of());
      loop = new Thread(driver::run, "test-driver");
      loop.start();
      assertEquals(was.name(), awaitEnd());
      loop.join(5_000);
      assertNull(executor.pollWorker(200), "no new trial after " + was);
      assertEquals(List.of(), journal.experimentStatuses, "its status is not rewritten");
      Files.deleteIfExists(tmp.resolve("t.jar"));
    }
  }

  /** A searcher that throws (a plug-in's bug) ends the experiment INTERRUPTED with the fault, never left RUNNING. */
  @Test void aSearcherThatThrowsEndsTheExperimentInterruptedNotRunning() throws Exception {
    ExperimentSpec spec = spec(s -> s.put("numSamples", 2));
    org.tunebench.engine.search.Searcher real = SearcherRegistry.create(spec);
    int[] calls = {0};
    org.tunebench.engine.search.Searcher broken = new org.tunebench.engine.search.Searcher() {
      @Override public java.util.Optional<java.util.Map<String, Object>> suggest(String trialId) {
        if (++calls[0] == 2) throw new IllegalArgumentException("bound must be greater than origin");
        return real.suggest(trialId);
      }
      @Override public boolean isFinished() { return false; }
      @Override public com.fasterxml.jackson.databind.JsonNode save() { return real.save(); }
      @Override public void restore(com.fasterxml.jackson.databind.JsonNode state) { }
    };
    build(spec, broken, null, false, org.tunebench.model.ExperimentStatus.CREATED);
    java.util.concurrent.CompletableFuture<String> ran = new java.util.concurrent.CompletableFuture<>();
    loop = new Thread(() -> {
      try {
        ran.complete(driver.run());
      } catch (Throwable e) {
        ran.completeExceptionally(e);
      }
    }, "test-driver");
    loop.start();
    FakeWorker w = executor.nextWorker().started("class");
    w.result("score", 1.0); // the reply's follow-up asks the searcher again: it throws
    ExecutionException e = assertThrows(ExecutionException.class, () -> ran.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("bound must be greater than origin"), e.toString());
    assertEquals("INTERRUPTED", journal.experimentStatuses.get(journal.experimentStatuses.size() - 1));
    assertEquals(TrialStatus.PAUSED, trial("00000").status());
    assertTrue(w.killed, "its worker is ended");
  }

  /** A resumed trial whose newest checkpoint was deleted falls back to an older one, and its reason says what is gone. */
  @Test void aTrialWhoseCheckpointIsGoneSaysSoWhenItStartsOver() throws Exception {
    ExperimentSpec spec = spec(s -> s.putObject("stop").put("training_iteration", 10));
    org.tunebench.engine.search.Searcher searcher = SearcherRegistry.create(spec);
    searcher.suggest("00000");
    build(spec, searcher, null, false, org.tunebench.model.ExperimentStatus.INTERRUPTED);
    Path older = Files.createDirectories(tmp.resolve("exp/trial_00000/checkpoint_000002"));
    Path gone = tmp.resolve("exp/trial_00000/checkpoint_000004"); // deleted by hand after the crash
    driver.restoreTrial(new TrialSnapshot("00000", 0, TrialStatus.PAUSED, java.util.Map.of("x", 1), 4,
        java.util.Map.of("training_iteration", 4, "score", 4.0), 4.0, 0, null, null,
        tmp.resolve("exp/trial_00000").toString(), null, java.time.Instant.now(), 0.4, null, null, null, List.of()),
        List.of(new CheckpointRef(2, 0.2, older), new CheckpointRef(4, 0.4, gone)));
    loop = new Thread(driver::run, "test-driver");
    loop.start();
    executor.nextWorker();
    String reason = journal.events.stream().filter(e -> e.to() == TrialStatus.PENDING).map(InMemoryJournal.Event::reason)
        .findFirst().orElseThrow();
    assertEquals("experiment resumed from checkpoint_000002 (its checkpoint checkpoint_000004 is gone)", reason);
  }

  /** A trial handed to an executor that has no room for it yet (a cluster) says so while RUNNING, until it starts. */
  @Test void aLaunchedTrialSaysWhatItWaitsForUntilItStarts() throws Exception {
    executor.waiting = "waiting for an agent with 1 CPU and 64 MB free";
    start(s -> s.putObject("stop").put("training_iteration", 1), false);
    FakeWorker w = executor.nextWorker();
    long until = System.currentTimeMillis() + 3000;
    while (trial("00000").waitingFor() == null && System.currentTimeMillis() < until) Thread.sleep(20);
    assertEquals(TrialStatus.RUNNING, trial("00000").status());
    assertEquals("an agent with 1 CPU and 64 MB free", trial("00000").waitingFor());
    w.started("class");
    trial("00000");
    assertNull(trial("00000").waitingFor(), "started: it waits for nothing");
    w.result("score", 1.0);
    assertEquals(Msg.STOP, w.reply().path("type").asText());
    w.finished("returned");
    assertEquals("COMPLETED", awaitEnd());
  }

  @Test void bestForgetsSupersededIterations() throws Exception {
    start(s -> {
      s.putObject("failure").put("maxRetries", 1);
      s.putObject("stop").put("training_iteration", 3);
      s.putObject("checkpoint").put("frequency", 1);
    }, false);
    FakeWorker w1 = executor.nextWorker().started("class");
    Path c1 = Files.createDirectories(tmp.resolve("exp/trial_00000/checkpoint_000001"));
    w1.result("score", 1.0);
    w1.reply();
    w1.checkpointed(c1);
    w1.result("score", 9.0);
    w1.reply();
    w1.exits("killed");
    FakeWorker w2 = executor.nextWorker().started("class");
    w2.result("score", 2.0);
    w2.reply();
    w2.result("score", 3.0);
    w2.reply();
    w2.finished("returned");
    awaitEnd();
    assertEquals(3.0, trial("00000").best(), "9.0 belonged to a superseded iteration");
  }

  @Test void aLostStoreEndsTheExperimentVisibly() throws Exception {
    start(s -> { }, false);
    FakeWorker w = executor.nextWorker().started("class");
    journal.loseStore(new java.io.IOException("No space left on device"));
    assertEquals("INTERRUPTED", awaitEnd());
    assertTrue(driver.storeFailure().isPresent());
    assertTrue(w.killed, "its workers are ended");
  }

  /** A workbench experiment (its loop kept alive) whose one trial runs one iteration and completes. */
  private void completeOneTrialKeptAlive() throws Exception {
    start(s -> s.putObject("stop").put("training_iteration", 1), true);
    FakeWorker w = executor.nextWorker().started("class");
    w.result("score", 1.0);
    w.reply();
    w.finished("returned");
    long until = System.currentTimeMillis() + 3000;
    while (!journal.experimentStatuses.contains("COMPLETED") && System.currentTimeMillis() < until) Thread.sleep(20);
  }

  @Test void closingLeavesAFinishedExperimentFinished() throws Exception {
    completeOneTrialKeptAlive();
    assertEquals("COMPLETED", driver.interrupt("workbench closed").get(5, TimeUnit.SECONDS));
    assertEquals(List.of("RUNNING", "COMPLETED"), journal.experimentStatuses);
  }

  /** The workbench keeps a finished experiment's loop for a trial's restart: the whole stays finished. */
  @Test void aFinishedExperimentIsNotPausedResumedOrStoppedAgainButItsTrialsRestart() throws Exception {
    completeOneTrialKeptAlive();
    for (String action : List.of("pause", "resume", "stop")) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> (switch (action) {
        case "pause" -> driver.pauseAll();
        case "resume" -> driver.resumeAll();
        default -> driver.stopAll();
      }).get(5, TimeUnit.SECONDS));
      assertEquals("experiment is COMPLETED (finished); nothing to " + action, e.getCause().getMessage());
    }
    assertEquals(List.of("RUNNING", "COMPLETED"), journal.experimentStatuses, "nothing was rewritten");
    driver.restartTrial("00000").get(5, TimeUnit.SECONDS);
    assertEquals("RUNNING", journal.experimentStatuses.get(journal.experimentStatuses.size() - 1), "a restart reopens it");
  }

  @Test void anInterruptPausesLiveTrialsAndMarksTheExperimentInterrupted() throws Exception {
    start(s -> { }, false);
    FakeWorker w = executor.nextWorker().started("class");
    assertEquals("INTERRUPTED", driver.interrupt("interrupted by a signal").get(5, TimeUnit.SECONDS));
    assertTrue(w.killed);
    assertEquals(TrialStatus.PAUSED, journal.trials.get("00000").status());
    assertEquals("INTERRUPTED", journal.experimentStatuses.get(journal.experimentStatuses.size() - 1));
  }

  @Test void aStepLongerThanStepTimeoutErrorsTheTrial() throws Exception {
    start(s -> s.put("stepTimeoutS", 0.3), false);
    FakeWorker w = executor.nextWorker().started("class");
    w.result("score", 1.0);
    assertEquals(Msg.CONTINUE, w.reply().path("type").asText());
    assertEquals("COMPLETED", awaitEnd());
    TrialSnapshot t = trial("00000");
    assertEquals(TrialStatus.ERRORED, t.status());
    assertEquals("no result for 0.3 s (stepTimeoutS)", t.error());
    assertTrue(w.killed);
  }

  @Test void resultsAfterStopAreNotCounted() throws Exception {
    start(s -> s.putObject("stop").put("training_iteration", 1), false);
    FakeWorker w = executor.nextWorker().started("function");
    w.result("score", 1.0);
    assertEquals(Msg.STOP, w.reply().path("type").asText());
    w.result("score", 2.0);
    w.finished("returned");
    awaitEnd();
    assertEquals(1, trial("00000").iteration());
    assertEquals(1, journal.results.size());
  }

  /** A hand-typed value its trainable cannot read is refused before any trial exists; a value beyond the range is not. */
  @Test void aForkOrAddedTrialWithAValueOfTheWrongKindIsRefused() throws Exception {
    start(s -> {
      s.putObject("space").putObject("lr").putArray("loguniform").add(1e-4).add(0.1);
      s.with("space").putObject("depth").putArray("randint").add(2).add(10);
    }, true);
    executor.nextWorker().started("class");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> driver.forkTrial("00000", Map.of("lr", "abc")).get(5, TimeUnit.SECONDS));
    assertEquals("lr: 'abc' is not a number (lr is loguniform)", e.getCause().getMessage());
    e = assertThrows(ExecutionException.class, () -> driver.addTrial(Map.of("lr", 0.01, "depth", 2.5)).get(5, TimeUnit.SECONDS));
    assertEquals("depth: 2.5 is not a whole number (depth is randint)", e.getCause().getMessage());
    assertEquals(1, driver.snapshots().get(5, TimeUnit.SECONDS).size(), "no trial was made");
    assertEquals("00001", driver.forkTrial("00000", Map.of("lr", 0.5)).get(5, TimeUnit.SECONDS), "beyond the range is the user's call");
  }

  /**
   * Trial 00000's worker ({@code kind} API) reports one result, answered {@code reply}, hands over a checkpoint of
   * it and returns; waits until the trial is TERMINATED and gives the checkpoint's folder.
   */
  private Path oneResultThenCheckpointAndReturn(String kind, String reply) throws Exception {
    FakeWorker w = executor.nextWorker().started(kind);
    Path c1 = Files.createDirectories(tmp.resolve("exp/trial_00000/checkpoint_000001"));
    w.result("score", 1.0);
    assertEquals(reply, w.reply().path("type").asText());
    w.checkpointed(c1);
    w.finished("returned");
    awaitTerminated("00000");
    return c1;
  }

  private void awaitTerminated(String id) throws Exception {
    long until = System.currentTimeMillis() + 3000;
    while (trial(id).status() != TrialStatus.TERMINATED && System.currentTimeMillis() < until) Thread.sleep(20);
  }

  /** Without its iterations, a fork of a trial that met the stop condition would train one iteration and end. */
  @Test void aForkOfATrialThatMetTheStopConditionTrainsTheIterationsItIsGiven() throws Exception {
    start(s -> {
      s.putObject("stop").put("training_iteration", 1);
      s.putObject("checkpoint").put("atEnd", true);
    }, true);
    Path c1 = oneResultThenCheckpointAndReturn("class", Msg.STOP);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> driver.forkTrial("00000", Map.of()).get(5, TimeUnit.SECONDS));
    assertEquals("trial 00000 already met the stop condition at iteration 1; a fork from there needs a number of"
        + " further iterations", e.getCause().getMessage());
    e = assertThrows(ExecutionException.class, () -> driver.forkTrial("00000", Map.of(), 0).get(5, TimeUnit.SECONDS));
    assertEquals("a fork trains at least 1 iteration", e.getCause().getMessage());
    assertEquals(1, driver.snapshots().get(5, TimeUnit.SECONDS).size(), "no trial was made");

    assertEquals("00001", driver.forkTrial("00000", Map.of(), 2).get(5, TimeUnit.SECONDS));
    FakeWorker f = executor.nextWorker().started("class");
    assertEquals(c1, f.spec.restore(), "it starts from the parent's checkpoint");
    f.result("score", 2.0);
    assertEquals(Msg.CONTINUE, f.reply().path("type").asText(), "past the experiment's stop condition");
    f.result("score", 3.0);
    assertEquals(Msg.STOP, f.reply().path("type").asText());
    f.finished("returned");
    awaitTerminated("00001");
    assertEquals(3, trial("00001").iteration());
    assertEquals("completed: reached iteration 3 (the iterations given at its fork)", trial("00001").endReason());
  }

  /** An extend of a function trial whose own loop ended: it returns at once, and its end reason says why. */
  @Test void aFunctionTrialThatReturnsAtOnceAfterItsRestoreSaysWhy() throws Exception {
    start(s -> s.putObject("stop").put("training_iteration", 100), true);
    oneResultThenCheckpointAndReturn("function", Msg.CONTINUE);
    assertEquals("completed: trainable returned", trial("00000").endReason());
    driver.extendTrial("00000", 5).get(5, TimeUnit.SECONDS);
    FakeWorker again = executor.nextWorker().started("function");
    again.finished("returned");
    awaitTerminated("00000");
    assertEquals("completed: trainable returned at once after restoring iteration 1 (its own loop had ended there;"
        + " a fork with a config that trains longer goes on)", trial("00000").endReason());
  }

  @Test void illegalRequestsAreRefusedWithTheReason() throws Exception {
    start(s -> { }, false);
    executor.nextWorker().started("class");
    ExecutionException e = assertThrows(ExecutionException.class, () -> driver.resumeTrial("00000").get());
    assertEquals("trial 00000 is RUNNING, not PAUSED", e.getCause().getMessage());
    e = assertThrows(ExecutionException.class, () -> driver.pauseTrial("nope").get());
    assertTrue(e.getCause().getMessage().startsWith("no trial 'nope'"));
  }

  @Test void aPendingTrialSaysWhatItWaitsFor() throws Exception {
    start(s -> s.put("numSamples", 3).put("maxConcurrentTrials", 1), false);
    executor.nextWorker().started("class");
    assertNull(journal.trials.get("00001"), "no trial is suggested beyond maxConcurrentTrials");
    driver.addTrial(java.util.Map.of("x", 2)).get(5, TimeUnit.SECONDS);
    long until = System.currentTimeMillis() + 3000;
    TrialSnapshot waiting = null;
    while (System.currentTimeMillis() < until) {
      waiting = journal.trials.get("00001");
      if (waiting != null && waiting.waitingFor() != null) break;
      Thread.sleep(20);
    }
    assertNotNull(waiting);
    assertEquals("a free slot (maxConcurrentTrials 1)", waiting.waitingFor());
  }
}
