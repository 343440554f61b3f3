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

  @TempDir Path tmp;
  private AgentProcesses agents;
  private ClusterExecutor executor;

  @BeforeAll static void buildJars() throws Exception {
    probe = TestJars.build(jars, "hardening", "hardening.jar", List.of("hardening.Probe"));
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
    executor = new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", port, tmp.resolve("cluster"), 0.5, 1,
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
}
