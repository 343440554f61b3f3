package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredEvent;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;
import org.tunebench.testkit.HardKill;

/** A driver and one agent JVM on 127.0.0.1, joined over Hazelcast, running real trials end to end. */
@Timeout(90)
class ClusterModeTest {
  static final String SECRET = "test-cluster-secret-0123456789";
  @TempDir static Path jars;
  static Path fixture;

  @TempDir Path tmp;
  private Process agent;
  private Path agentOut;
  private final List<Process> agents = new ArrayList<>();
  private ClusterExecutor executor;

  static Path curves;

  @BeforeAll static void buildJars() throws Exception {
    fixture = TestJars.build(jars, "fixture", "fixture.jar", List.of("fixture.Scripted", "fixture.ScriptedFunction"));
    curves = TestJars.build(jars, "curves", "curves.jar", List.of("curves.Curve"));
  }

  @AfterEach void stop() throws Exception {
    for (Process a : agents) {
      if (!a.isAlive()) continue;
      a.descendants().forEach(ProcessHandle::destroyForcibly);
      a.destroyForcibly().waitFor();
    }
    if (executor != null) executor.close();
  }

  private ClusterExecutor driver(Duration placementTimeout) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    executor = new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", port, tmp.resolve("cluster"), 0.5, 0, 128,
        placementTimeout);
    return executor;
  }

  /** {@code java -cp <classpath without test classes> TunebenchMain agent --join ...}; returns ms until it joined. */
  private long startAgent(ClusterExecutor ex) throws Exception {
    return startAgent(ex, SECRET, true);
  }

  private long startAgent(ClusterExecutor ex, String secret, boolean awaitReady) throws Exception {
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "org.tunebench.cli.TunebenchMain", "agent", "--join", ex.address(), "--cpus", "2"));
    int n = agents.size();
    agentOut = tmp.resolve("agent" + (n == 0 ? "" : n) + ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(agentOut.toFile());
    pb.environment().put(ClusterSecret.ENV, secret);
    pb.environment().put("TUNEBENCH_HOME", tmp.resolve("agent-home" + (n == 0 ? "" : n)).toString());
    long t0 = System.nanoTime();
    agent = pb.start();
    agents.add(agent);
    if (!awaitReady) return -1;
    long end = t0 + Duration.ofSeconds(30).toNanos();
    while (ex.agentCount() <= n) {
      if (!agent.isAlive()) throw new AssertionError("agent ended: " + Files.readString(agentOut));
      if (System.nanoTime() > end) throw new AssertionError("agent never joined: " + Files.readString(agentOut));
      Thread.sleep(20);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private String agentSaid() throws Exception {
    return Files.readString(agentOut);
  }

  private String agentSaidQuietly() {
    try {
      return agentSaid();
    } catch (Exception e) {
      return "";
    }
  }

  /** What a hostile member might publish instead of sealed bytes: a Java-serializable object of its own. */
  record Forged(String className) implements java.io.Serializable {}

  @Test void forgedTasksAreRefusedAndTheExperimentRunsToCompletionWithCheckpointsShippedBack() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(20));
    long joinMs = startAgent(ex);
    // a task sealed with another secret, as the wrong role, replayed, or not sealed bytes at all is refused;
    // the agent goes on serving the driver
    String agentId = ex.agentIds().get(0);
    ObjectNode task = Wire.JSON.createObjectNode().put("op", "launch").put("handle", "x1").put("trialId", "evil")
        .put("attempt", 1).put("jarSha", "0".repeat(64)).put("className", "evil.Main").put("trialDir", "/tmp/evil")
        .put("to", agentId);
    UUID intruder = UUID.randomUUID();
    ex.publishRaw(agentId, new ClusterSecret("another-secret-0123456789").seal(ClusterSecret.Role.DRIVER, intruder, task));
    ex.publishRaw(agentId, new ClusterSecret(SECRET).seal(ClusterSecret.Role.AGENT, intruder, task));
    ex.publishRaw(agentId, task.toString());
    ex.publishRaw(agentId, new Forged("evil.Main"));
    // a sealed message seen on the wire, sent again: the first copy is a ping (harmless), the second is refused
    byte[] ping = new ClusterSecret(SECRET).seal(ClusterSecret.Role.DRIVER, intruder,
        Wire.JSON.createObjectNode().put("op", "ping").put("t", 1).put("to", agentId));
    ex.publishRaw(agentId, ping);
    ex.publishRaw(agentId, ping);
    List<String> want = List.of("cannot decrypt it", "sealed by the wrong role", "a java.lang.String instead",
        "HazelcastSerializationException", "replayed message");
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!want.stream().allMatch(w -> agentSaidQuietly().contains(w)) && System.nanoTime() < end) Thread.sleep(50);
    String said = agentSaid();
    for (String w : want) assertTrue(said.contains("refused a task: ") && said.contains(w), w + " in: " + said);
    assertFalse(said.contains("started trial evil"), said);
    List<Long> rtt = new ArrayList<>();
    for (int i = 0; i < 200; i++) rtt.add(ex.ping().get(5, java.util.concurrent.TimeUnit.SECONDS).toNanos());
    rtt.sort(null);
    System.out.printf("agent JVM start to joined: %d ms; signed round trip p50 %.3f ms, p90 %.3f ms%n", joinMs,
        rtt.get(100) / 1e6, rtt.get(180) / 1e6);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "cluster");
      s.putObject("stop").put("training_iteration", 5);
      s.with("space").putObject("slope").putArray("grid").add(1.0).add(2.0);
      s.putObject("checkpoint").put("frequency", 2);
      long t0 = System.nanoTime();
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(40)));
      System.out.printf("2 trials x 5 iterations through the cluster: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      List<TrialSnapshot> trials = h.trials();
      assertEquals(2, trials.size());
      for (TrialSnapshot t : trials) {
        assertEquals(TrialStatus.TERMINATED, t.status(), String.valueOf(t.error()));
        assertEquals(5, t.iteration());
        assertEquals(InetAddress.getLocalHost().getHostName(), t.lastResult().get("node"), "the agent's host");
        assertTrue(((Number) t.lastResult().get("pid")).longValue() > 0);
        assertNotNull(t.latestCheckpoint());
        Path ckpt = Path.of(t.latestCheckpoint());
        assertTrue(ckpt.startsWith(h.dir), "checkpoint on the driver's side: " + ckpt);
        assertTrue(Files.list(ckpt).findAny().isPresent(), "checkpoint files shipped back to " + ckpt);
      }
      assertEquals(10.0, trials.get(1).best());
      assertEquals(10, h.store.results(h.experimentId("cluster"), null).size());
      String log = agentSaid();
      assertTrue(log.contains("started trial 00000"), log);
      assertTrue(log.contains("ended trial 00001"), log);
      try (var files = Files.list(tmp.resolve("agent-home/agent/jars"))) {
        assertEquals(1, files.count(), "the JAR is shipped once and kept by its hash");
      }
    }
  }

  @Test void functionApiCheckpointsTravelToTheDriver() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(20));
    startAgent(ex);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.ScriptedFunction", "fn");
      s.with("space").put("iterations", 6).put("every", 2);
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(40)));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.TERMINATED, t.status(), String.valueOf(t.error()));
      assertEquals(6, t.iteration());
      assertEquals("6", Files.readString(Path.of(t.latestCheckpoint()).resolve("n.txt")).trim());
    }
  }

  /** A trial handed to the cluster before any agent joined says what it waits for, and stops saying so once it runs. */
  @Test void aTrialWaitingForAnAgentSaysSoUntilOneTakesIt() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(60));
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "waits");
      s.putObject("stop").put("training_iteration", 3);
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      TrialSnapshot waiting = h.awaitTrial("00000", x -> x.waitingFor() != null, Duration.ofSeconds(10));
      assertEquals(TrialStatus.RUNNING, waiting.status());
      assertTrue(waiting.waitingFor().startsWith("an agent to join 127.0.0.1:"), waiting.waitingFor());
      startAgent(ex);
      TrialSnapshot runs = h.awaitTrial("00000", x -> x.iteration() >= 1, Duration.ofSeconds(30));
      assertNull(runs.waitingFor(), "it runs on an agent: it waits for nothing");
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(30)));
    }
  }

  @Test void killMinus9OfTheAgentErrorsTheTrialAndTheRetryWaitsThenSaysNoAgent() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(3));
    startAgent(ex);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "kill9");
      s.putObject("stop").put("training_iteration", 100);
      s.with("space").put("sleep_ms", 100);
      s.putObject("checkpoint").put("frequency", 1);
      s.putObject("failure").put("maxRetries", 1);
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      TrialSnapshot t = h.awaitTrial("00000", x -> x.iteration() >= 3, Duration.ofSeconds(30));
      long worker = ((Number) t.lastResult().get("pid")).longValue();
      long t0 = System.nanoTime();
      HardKill.pid(agent.pid());
      h.awaitTrial("00000", x -> x.retries() == 1, Duration.ofSeconds(20));
      System.out.printf("kill -9 of the agent to trial errored: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(20)));
      TrialSnapshot done = h.trial("00000");
      assertEquals(TrialStatus.ERRORED, done.status());
      assertTrue(done.error().contains("no cluster agent to run it"), done.error());
      assertTrue(done.error().contains("tunebench agent --join 127.0.0.1:"), done.error());
      List<StoredEvent> ev = h.store.events(h.experimentId("kill9"));
      StoredEvent first = ev.stream().filter(e -> e.to().equals("ERRORED")).findFirst().orElseThrow();
      assertTrue(first.reason().contains("agent 127.0.0.1:") && first.reason().contains("left the cluster"),
          first.reason());
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertFalse(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false), "the orphaned worker ends");
    }
  }

  @Test void aTrialWhoseAgentDiesIsRetriedOnAnotherAgentFromItsShippedCheckpoint() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(20));
    startAgent(ex);
    startAgent(ex);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "failover");
      s.putObject("stop").put("training_iteration", 8);
      s.with("space").put("sleep_ms", 150);
      s.putObject("checkpoint").put("frequency", 2);
      s.putObject("failure").put("maxRetries", 1);
      var exp = h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      h.awaitTrial("00000", x -> x.iteration() >= 4 && x.latestCheckpoint() != null, Duration.ofSeconds(30));
      // pause and resume through the cluster: the checkpoint goes to the driver and back to an agent
      exp.controller().pauseTrial("00000").join();
      h.awaitTrial("00000", x -> x.status() == TrialStatus.PAUSED, Duration.ofSeconds(20));
      exp.controller().resumeTrial("00000").join();
      // a result of the resumed attempt (the snapshot still holds the paused attempt's last result at first)
      TrialSnapshot t = h.awaitTrial("00000", x -> x.status() == TrialStatus.RUNNING && x.lastResult() != null
          && ((Number) x.lastResult().get("iterations_since_restore")).intValue() >= 1
          && x.lastResult().get("time_total_s") != null && x.iteration() > 5, Duration.ofSeconds(30));
      long worker = ((Number) t.lastResult().get("pid")).longValue();
      Process host = agents.stream().filter(a -> a.descendants().anyMatch(d -> d.pid() == worker)).findFirst()
          .orElseThrow(() -> new AssertionError("no agent runs worker " + worker));
      HardKill.pid(host.pid());
      try {
        assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(40)));
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("no end in 40 s: " + h.trials() + "\nevents: " + h.store.events(h.experimentId("failover")), e);
      }
      TrialSnapshot done = h.trial("00000");
      assertEquals(TrialStatus.TERMINATED, done.status(), String.valueOf(done.error()));
      assertEquals(1, done.retries());
      assertEquals(8, done.iteration());
      var results = h.store.results(h.experimentId("failover"), "00000");
      for (var r : results) {
        // each restart (resume, retry on the other agent) loads the shipped checkpoint: the counter goes on
        assertEquals((long) r.iteration(), r.metrics().get("counter"), "restored counter at " + r.iteration());
      }
      assertTrue(h.store.events(h.experimentId("failover")).stream()
          .anyMatch(e -> e.reason().contains("left the cluster")));
    }
  }

  @Test void anAgentWithAnotherSecretCannotJoinAndTheTrialSaysWhy() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(3));
    startAgent(ex, "not-the-drivers-secret-0123", false);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "wrongsecret");
      s.putObject("stop").put("training_iteration", 2);
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!agentSaid().contains("other member(s)") && System.nanoTime() < end) Thread.sleep(50);
      // its cluster name comes from its own secret: the driver's cluster turns it away
      assertTrue(agentSaid().contains("0 other member(s)"), agentSaid());
      assertTrue(agentSaid().contains("found no driver at") && agentSaid().contains(ClusterSecret.ENV),
          "it does not claim to have joined: " + agentSaid());
      assertEquals(1, ex.memberCount());
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(30)));
      TrialSnapshot t = h.trial("00000");
      assertEquals(TrialStatus.ERRORED, t.status());
      assertTrue(t.error().contains("none joined") && t.error().contains(ClusterSecret.ENV), t.error());
      assertEquals(1, ex.memberCount());
      assertFalse(agentSaid().contains("started trial"), agentSaid());
    }
  }

  /** A member with the driver's cluster name but not its keys (the worst case of a leaked name) reads nothing. */
  @Test void aMemberWithoutTheKeysSeesOnlyCiphertext() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(20));
    startAgent(ex);
    String agentId = ex.agentIds().get(0);
    var cfg = HazelcastSetup.config(new ClusterSecret(SECRET).clusterName(), "eavesdropper-" + System.nanoTime(),
        "127.0.0.1", 5701, true, ex.address(), false, java.util.Map.of());
    com.hazelcast.core.HazelcastInstance spy = com.hazelcast.core.Hazelcast.newHazelcastInstance(cfg);
    try {
      List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
      spy.getTopic(HazelcastSetup.AGENT_TOPIC + agentId).addMessageListener(m -> seen.add(HazelcastSetup.payload(m)));
      spy.getTopic(HazelcastSetup.DRIVER_TOPIC + ex.id()).addMessageListener(m -> seen.add(HazelcastSetup.payload(m)));
      try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
        ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "spied");
        s.putObject("stop").put("training_iteration", 3);
        h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
        assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(40)));
        assertEquals(TrialStatus.TERMINATED, h.trial("00000").status(), String.valueOf(h.trial("00000").error()));
      }
      assertFalse(seen.isEmpty(), "the spy saw the traffic");
      for (Object o : List.copyOf(seen)) {
        String text = new String((byte[]) o, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String plain : List.of("fixture.Scripted", "launch", "training_iteration", "\"op\"")) {
          assertFalse(text.contains(plain), plain + " readable in " + text);
        }
      }
    } finally {
      spy.shutdown();
    }
  }

  @Test void aWorkerThatExitsOnAnAgentErrorsItsTrialWithTheCodeAndTheAgent() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(20));
    startAgent(ex);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "exit42");
      s.putObject("stop").put("training_iteration", 5);
      s.with("space").put("exit_at", 2);
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(30)));
      TrialSnapshot t = h.trial("00000");
      assertEquals(TrialStatus.ERRORED, t.status());
      assertTrue(t.error().contains("exited with code 42 on agent 127.0.0.1:"), t.error());
      assertEquals(1, t.iteration());
    }
  }

  /** As PbtEndToEndTest, on an agent: the donor's checkpoint goes agent -> driver -> agent for the in-place reset. */
  @Test void pbtExploitsRestoreTheDonorsCheckpointOnTheAgent() throws Exception {
    ClusterExecutor ex = driver(Duration.ofSeconds(20));
    startAgent(ex);
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(curves, "curves.Curve", "pbt");
      s.put("maxConcurrentTrials", 4);
      ObjectNode space = s.with("space");
      space.putObject("a").putArray("grid").add(0.2).add(0.5).add(0.8).add(1.0);
      // long enough steps that the four trials overlap even when their workers boot slowly (a loaded machine):
      // with 30 ms, one trial could finish before another reported, and nothing was exploited
      space.put("b", 1.0).put("sleep_ms", 100);
      ObjectNode pbt = s.putObject("scheduler");
      pbt.put("type", "pbt").put("timeAttr", "training_iteration").put("perturbationInterval", 4)
          .put("quantileFraction", 0.25).put("resampleProbability", 0.25).put("seed", 1);
      pbt.putObject("hyperparamMutations").putObject("a").putArray("uniform").add(0.1).add(1.2);
      s.putObject("checkpoint").put("frequency", 4);
      s.putObject("stop").put("training_iteration", 16);
      h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(50)));
      long exp = h.experimentId("pbt");
      var exploits = h.store.exploits(exp);
      assertFalse(exploits.isEmpty(), "no exploit happened");
      for (TrialSnapshot t : h.trials()) assertEquals(TrialStatus.TERMINATED, t.status(), String.valueOf(t.error()));
      for (var r : h.store.results(exp, null)) {
        // t is the trainable's own step counter: restored from the donor's checkpoint, it agrees with the driver
        assertEquals(r.iteration(), ((Number) r.metrics().get("t")).intValue(), "trial " + r.trialId());
      }
    }
  }
}
