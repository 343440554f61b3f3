package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/** Placement by what agents advertise (CPUs, GPU ids, memory), with GPU ids assigned on the agent as locally. */
@Timeout(120)
class ClusterCapacityTest {
  static final String SECRET = "capacity-test-secret-0123456789";
  @TempDir static Path jars;
  static Path probe;
  static Path fixture;

  @TempDir Path tmp;
  private AgentProcesses agents;
  private ClusterExecutor executor;

  @BeforeAll static void buildJars() throws Exception {
    probe = TestJars.build(jars, "hardening", "hardening.jar", List.of("hardening.Probe"));
    fixture = TestJars.build(jars, "fixture", "fixture.jar", List.of("fixture.Scripted"));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @AfterEach void stop() throws Exception {
    if (agents != null) agents.close();
    if (executor != null) executor.close();
  }

  @Test void gpuTrialsGetDistinctDeviceIdsOnTheAgentAndCapacityIsWhatAgentsAdvertise() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    executor = new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", port, tmp.resolve("cluster"), 0.5, 1, 128,
        Duration.ofSeconds(30));
    agents = new AgentProcesses(tmp, SECRET);
    agents.start(executor.address(), 2, "--gpus", "7,9", "--memory-mb", "1000");
    agents.await(executor::agentCount, 1, Duration.ofSeconds(40));

    ClusterExecutor.Capacity c = executor.capacity();
    assertEquals(new ClusterExecutor.Capacity(1, 2, 2, 1000, 2, 2, 1000), c);
    assertNull(c.neverFits(0.5, 1, 128));
    assertTrue(c.neverFits(0.5, 3, 128).contains("gpu 3.0 per trial, but the largest agent offers 2.0"));
    assertTrue(c.neverFits(0.5, 1, 2000).contains("memoryMb 2000"));
    assertNull(new ClusterExecutor.Capacity(0, 0, 0, 0, 0, 0, 0).neverFits(64, 8, 1 << 20), "no agent yet: wait");

    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(probe, "hardening.Probe", "gpus");
      s.put("numSamples", 3);
      s.putObject("stop").put("training_iteration", 6);
      s.with("space").put("sleep_ms", 250);
      s.putObject("resourcesPerTrial").put("cpu", 0.5).put("gpu", 1).put("memoryMb", 128);
      h.start(s, EngineHarness.fast(), (spec, dir) -> executor, new ResourcePool(64, List.of("a", "b", "c"), 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(80)));
      long exp = h.experimentId("gpus");
      Set<String> seen = new HashSet<>();
      for (TrialSnapshot t : h.trials()) {
        assertEquals(TrialStatus.TERMINATED, t.status(), String.valueOf(t.error()));
        var first = h.store.results(exp, t.id()).get(0).metrics();
        String cuda = String.valueOf(first.get("cuda"));
        assertTrue(cuda.equals("7") || cuda.equals("9"), "an agent GPU id, one per trial: " + cuda);
        assertEquals(cuda, first.get("gpuIds"));
        seen.add(cuda);
        assertFalse(String.valueOf(first.get("env")).contains(ClusterSecret.ENV), "no secret in a trial's environment");
      }
      assertEquals(Set.of("7", "9"), seen, "two GPUs, two trials at once on distinct ids");
    }
  }

  /**
   * The pool of cluster mode holds what single agents can run: two agents of 3 CPUs hold two trials of 2 CPUs,
   * not three (their sum, 6, would). The third waits PENDING with the reason and never occupies a RUNNING slot.
   */
  @Test void aTrialThatFitsOnlyTheAgentsTotalWaitsPendingUntilOneAgentHasRoom() throws Exception {
    executor = new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", freePort(), tmp.resolve("cluster"), 2, 0, 128,
        Duration.ofSeconds(30));
    agents = new AgentProcesses(tmp, SECRET);
    agents.start(executor.address(), 3);
    agents.start(executor.address(), 3);
    agents.await(executor::agentCount, 2, Duration.ofSeconds(40));
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "fragments");
      s.put("numSamples", 3);
      s.putObject("stop").put("training_iteration", 15);
      s.with("space").put("sleep_ms", 200);
      s.putObject("resourcesPerTrial").put("cpu", 2).put("memoryMb", 128);
      h.start(s, EngineHarness.fast(), (spec, dir) -> executor, ResourcePool.elastic());
      h.awaitTrial("00001", x -> x.iteration() >= 1, Duration.ofSeconds(40));
      h.awaitTrial("00000", x -> x.iteration() >= 1, Duration.ofSeconds(10));
      TrialSnapshot third = h.trial("00002");
      assertEquals(TrialStatus.PENDING, third.status(), "two trials of 2 CPUs fill two agents of 3: " + third);
      assertTrue(third.waitingFor().contains("the agents hold 2 trials at once; 2 running"), third.waitingFor());
      assertEquals(0, third.attempts().size(), "never handed to an agent while none had room");
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      for (TrialSnapshot t : h.trials()) assertEquals(TrialStatus.TERMINATED, t.status(), String.valueOf(t.error()));
    }
  }

  /** With no agent at all, a trial waits PENDING for the placement timeout, then ends with how to start one. */
  @Test void withNoAgentTrialsEndAfterThePlacementTimeoutSayingHowToStartOne() throws Exception {
    long t0 = System.nanoTime(); // the wait runs from when the driver listens
    executor = new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", freePort(), tmp.resolve("cluster"), 1, 0, 128,
        Duration.ofSeconds(2));
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "lonely");
      s.put("numSamples", 2);
      s.putObject("stop").put("training_iteration", 3);
      h.start(s, EngineHarness.fast(), (spec, dir) -> executor, ResourcePool.elastic());
      TrialSnapshot waiting = h.awaitTrial("00000", x -> x.waitingFor() != null, Duration.ofSeconds(10));
      assertEquals(TrialStatus.PENDING, waiting.status());
      assertTrue(waiting.waitingFor().contains("no live agent has room for a trial now"), waiting.waitingFor());
      h.awaitEnd(Duration.ofSeconds(30));
      assertTrue(System.nanoTime() - t0 >= Duration.ofSeconds(2).toNanos(), "waited the placement timeout first");
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "then ended, not waited for each trial");
      for (TrialSnapshot t : h.trials()) {
        assertEquals(TrialStatus.ERRORED, t.status());
        assertTrue(t.error().startsWith("no cluster agent to run it: none joined " + executor.address() + " within 2 s"
            + " (start one with: tunebench agent --join " + executor.address()), t.error());
      }
    }
  }
}
