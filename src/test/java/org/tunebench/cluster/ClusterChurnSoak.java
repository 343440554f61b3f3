package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/**
 * The full churn run (docs/BENCHMARKS.md, "Cluster mode"): agents on 127.0.0.1 joining, leaving (SIGTERM),
 * killed ({@code kill -9}), stalled past the failure detector and resumed (SIGSTOP/SIGCONT, which splits and then
 * merges the cluster), restarted, and the whole cluster shut down, while experiments run one after another, each
 * with a driver of its own on the same port (as successive {@code run}s: agents stay up and merge into the next).
 * Every experiment must end COMPLETED with every trial TERMINATED at its last iteration, each iteration stored,
 * and every stored counter equal to its iteration (state restored from checkpoints, nothing lost). Off by default:
 * <pre>
 * mvn -o test -Dtest=ClusterChurnSoak -Dtunebench.churn.events=60 [-Dtunebench.churn.seed=1]
 * </pre>
 */
@EnabledIfSystemProperty(named = "tunebench.churn.events", matches = "\\d+")
class ClusterChurnSoak {
  static final String SECRET = "churn-soak-secret-0123456789";
  static final int TRIALS = 4;
  static final int ITERATIONS = 25;

  @TempDir Path tmp;

  @Test void everyTrialIsAccountedForThroughChurn() throws Exception {
    int events = Integer.getInteger("tunebench.churn.events");
    Random rnd = new Random(Long.getLong("tunebench.churn.seed", 1));
    Path fixture = TestJars.build(java.nio.file.Files.createDirectories(tmp.resolve("jars")), "fixture", "fixture.jar", List.of("fixture.Scripted"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Map<String, Integer> done = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    int experiments = 0;
    AtomicReference<ClusterExecutor> driver = new AtomicReference<>();
    try (AgentProcesses agents = new AgentProcesses(tmp, SECRET)) {
      int p = port;
      Supplier<ClusterExecutor> newDriver = () -> new ClusterExecutor(new ClusterSecret(SECRET), "127.0.0.1", p,
          tmp.resolve("cluster"), 1, 0, 128, Duration.ofSeconds(180));
      driver.set(newDriver.get());
      String address = driver.get().address();
      try {
        for (int i = 0; i < 3; i++) agents.start(address, 2);
        agents.await(() -> driver.get().agentCount(), 3, Duration.ofSeconds(60));
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> {
          try {
            while (!stop.get() && injected(done) < events) {
              Thread.sleep(500 + rnd.nextInt(2000));
              String e;
              try {
                e = inject(agents, address, driver.get(), rnd);
              } catch (RuntimeException x) {
                e = "not injected (" + x.getClass().getSimpleName() + ")";
              }
              synchronized (done) {
                done.merge(e, 1, Integer::sum);
              }
            }
          } catch (Exception e) {
            synchronized (failures) {
              failures.add("churn: " + e);
            }
          }
        }, "churn");
        churn.start();
        while (churn.isAlive() || experiments == 0) {
          String name = "soak" + experiments++;
          if (experiments > 1) driver.set(newDriver.get());
          ClusterExecutor ex = driver.get();
          try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
            ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", name);
            s.put("numSamples", TRIALS);
            s.putObject("stop").put("training_iteration", ITERATIONS);
            s.with("space").put("sleep_ms", 100);
            s.putObject("checkpoint").put("frequency", 1);
            s.putObject("failure").put("maxRetries", 50);
            h.start(s, EngineHarness.fast(), (spec, dir) -> ex, new ResourcePool(64, 0, 1 << 20));
            String end = h.awaitEnd(Duration.ofMinutes(10));
            if (!"COMPLETED".equals(end)) failures.add(name + " ended " + end);
            check(h, name, failures);
          }
        }
        stop.set(true);
        churn.join();
      } finally {
        driver.get().close();
      }
    }
    int total = injected(done);
    System.out.printf(Locale.ROOT, "| %d events %s | %d experiments x %d trials x %d iterations | %.0f s | %s |%n",
        total, done, experiments, TRIALS, ITERATIONS, (System.nanoTime() - t0) / 1e9,
        failures.isEmpty() ? "every trial accounted for" : String.join("; ", failures));
    assertTrue(total >= events, "events injected: " + done);
    assertEquals(List.of(), failures);
  }

  private static int injected(Map<String, Integer> done) {
    synchronized (done) {
      return done.entrySet().stream().filter(e -> !e.getKey().startsWith("not")).mapToInt(Map.Entry::getValue).sum();
    }
  }

  private static void check(EngineHarness h, String name, List<String> failures) {
    for (TrialSnapshot t : h.trials()) {
      if (t.status() != TrialStatus.TERMINATED || t.iteration() != ITERATIONS) {
        failures.add(name + "/" + t.id() + " " + t.status() + " at " + t.iteration() + ": " + t.error());
        continue;
      }
      var results = h.store.results(h.experimentId(name), t.id());
      long distinct = results.stream().map(r -> r.iteration()).distinct().count();
      if (distinct != ITERATIONS) failures.add(name + "/" + t.id() + " stored " + distinct + " iterations");
      for (var r : results) {
        if (!Long.valueOf(r.iteration()).equals(r.metrics().get("counter"))) {
          failures.add(name + "/" + t.id() + " counter " + r.metrics().get("counter") + " at " + r.iteration());
        }
      }
    }
  }

  /** One event on a random live agent (or a join when fewer than two are up); its name. */
  private static String inject(AgentProcesses agents, String address, ClusterExecutor ex, Random rnd) throws Exception {
    List<Process> live = agents.agents.stream().filter(Process::isAlive).toList();
    if (live.size() < 2) {
      agents.start(address, 2);
      return "join";
    }
    Process p = live.get(rnd.nextInt(live.size()));
    int pick = rnd.nextInt(100);
    if (pick < 20) {
      agents.start(address, 2);
      return "join";
    } else if (pick < 35) {
      AgentProcesses.signal(p, "TERM");
      return "leave";
    } else if (pick < 55) {
      AgentProcesses.signal(p, "KILL");
      return "kill -9";
    } else if (pick < 75) {
      // past the 8 s failure detector: the driver drops the agent, which merges back after SIGCONT
      AgentProcesses.signal(p, "STOP");
      Thread.sleep(9_000 + rnd.nextInt(3000));
      AgentProcesses.signal(p, "CONT");
      return "stall+merge";
    } else if (pick < 95) {
      AgentProcesses.signal(p, "KILL");
      p.waitFor();
      agents.start(address, 2);
      return "restart";
    } else {
      ex.shutdownCluster();
      return "cluster shutdown";
    }
  }
}
