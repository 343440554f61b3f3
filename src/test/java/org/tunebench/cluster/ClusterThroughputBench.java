package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.exec.ExecutorFactory;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/**
 * Results per second through the cluster against local workers, same load: TRIALS trials reporting as fast as
 * they can. Off by default:
 * <pre>
 * mvn -o test -Dtest=ClusterThroughputBench -Dtunebench.throughput.iterations=2000
 * </pre>
 * {@code -Dtunebench.throughput.sleepMs=5} makes each step sleep that long: 8 trials at up to 200 results/s each,
 * the load the cluster must carry as fast as local workers do.
 */
@EnabledIfSystemProperty(named = "tunebench.throughput.iterations", matches = "\\d+")
class ClusterThroughputBench {
  static final String SECRET = "throughput-secret-0123456789";
  static final int TRIALS = 8;
  @TempDir Path tmp;

  @Test void resultsPerSecondLocalAndThroughTheCluster() throws Exception {
    int iterations = Integer.getInteger("tunebench.throughput.iterations");
    Path fixture = TestJars.build(Files.createDirectories(tmp.resolve("jars")), "fixture", "fixture.jar",
        List.of("fixture.Scripted"));
    double local = run("local", fixture, iterations, ExecutorFactory.LOCAL);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ClusterExecutor ex = new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", port, tmp.resolve("cluster"), 1, 0, 128,
        Duration.ofSeconds(60));
    try (AgentProcesses agents = new AgentProcesses(tmp, SECRET)) {
      agents.start(ex.address(), TRIALS);
      agents.await(ex::agentCount, 1, Duration.ofSeconds(60));
      double cluster = run("cluster", fixture, iterations, (spec, dir) -> ex);
      System.out.printf(Locale.ROOT, "| %d trials x %d results, %d ms steps | local %.0f results/s | cluster %.0f results/s |%n",
          TRIALS, iterations, Integer.getInteger("tunebench.throughput.sleepMs", 0), local, cluster);
    } finally {
      ex.close();
    }
  }

  private double run(String name, Path fixture, int iterations, ExecutorFactory executors) throws Exception {
    try (EngineHarness h = new EngineHarness(tmp.resolve(name))) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", name);
      s.put("numSamples", TRIALS);
      s.putObject("stop").put("training_iteration", iterations);
      s.with("space").put("sleep_ms", Integer.getInteger("tunebench.throughput.sleepMs", 0));
      // under heavy load a worker JVM now and then exits before its first step (both modes): retry it, as a user would
      s.putObject("failure").put("maxRetries", 2);
      s.putObject("resourcesPerTrial").put("cpu", 1).put("memoryMb", 128);
      long t0 = System.nanoTime();
      h.start(s, EngineHarness.fast(), executors, new ResourcePool(TRIALS, 0, 1 << 20));
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofMinutes(10)));
      double secs = (System.nanoTime() - t0) / 1e9;
      long reported = h.trials().stream().mapToLong(t -> t.iteration()).sum();
      assertEquals((long) TRIALS * iterations, reported, name + ": " + h.trials().stream()
          .map(t -> t.id() + " " + t.status() + " " + t.iteration() + " " + t.error()).toList());
      return reported / secs;
    }
  }
}
