package org.tunebench.ui.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.app.RunningExperiment;
import org.tunebench.cli.TunebenchMain;
import org.tunebench.cluster.AgentProcesses;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/**
 * The workbench's cluster option with real agents on loopback: an experiment started through
 * {@link ClusterSettings} runs on the agents, the Agents panel's rows show them with their trials, and its trials
 * are steered on the agents from the CLI ({@code tunebench pause/resume/stop NAME TRIAL}, through the store's
 * steering inbox) and from the workbench's fork and extend (the driver's commands the workbench calls).
 */
@Timeout(240)
class ClusterWorkbenchTest {
  static final String SECRET = "workbench-cluster-secret-0123456789";
  @TempDir Path tmp;
  private AgentProcesses agents;
  private RunningExperiment exp;

  @AfterEach void stop() throws Exception {
    if (exp != null) exp.close();
    if (agents != null) agents.close();
  }

  @Test void anExperimentStartedHereRunsOnAgentsShowsThemAndIsSteeredThere() throws Exception {
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ClusterSettings cluster = new ClusterSettings(() -> SECRET);
      cluster.enabled.set(true);
      cluster.port.set(Integer.toString(freePort()));
      cluster.waitS.set("90");
      ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "steer");
      s.put("numSamples", 2);
      s.with("space").put("sleep_ms", 300);
      s.putObject("stop").put("training_iteration", 40);
      s.putObject("checkpoint").put("frequency", 2).put("atEnd", true);
      Path file = h.write(s);
      exp = cluster.launcher(h.store, EngineHarness.fast().withKeepAlive(true), null).start(SpecReader.read(file), file);
      exp.runInBackground();
      assertEquals(1, cluster.live().size());
      String address = cluster.live().get(0).address();
      agents = new AgentProcesses(tmp, SECRET);
      agents.start(address, 1);
      agents.start(address, 1);
      long id = h.experimentId("steer");
      Supplier<List<TrialSnapshot>> trials = () -> h.store.trials(id);
      await(trials, l -> l.size() == 2 && l.stream().allMatch(t -> t.iteration() >= 2), "both trials run");

      AgentsViewModel panel = new AgentsViewModel(cluster);
      AgentsViewModel.Snapshot shown = awaitValue(panel::read, p -> p.rows().size() == 2
          && p.rows().stream().flatMap(r -> java.util.Arrays.stream(r.trials().split(", "))).filter(x -> !x.equals("—"))
              .sorted().toList().equals(List.of("00000", "00001")), "panel");
      for (AgentRow r : shown.rows()) {
        assertTrue(r.address().startsWith("127.0.0.1:"), r.toString());
        assertTrue(r.capacity().startsWith("1 CPU"), r.toString());
        int here = r.trials().equals("—") ? 0 : r.trials().split(", ").length;
        // each trial holds 0.5 CPU of the agent it runs on
        assertTrue(r.load().startsWith((here == 0 ? "0" : here == 1 ? "0.5" : "1") + "/1 CPU"), r.toString());
        assertNotEquals("never", r.lastHeard(), r.toString());
      }
      assertTrue(shown.summary().contains("tunebench agent --join " + address), shown.summary());

      String db = h.store.file().toString();
      String out = cli("pause", "steer", "00000", "--db", db);
      assertTrue(out.contains("Paused trial 00000"), out);
      TrialSnapshot paused = await(trials, l -> status(l, "00000") == TrialStatus.PAUSED, "00000 paused").stream()
          .filter(t -> t.id().equals("00000")).findFirst().orElseThrow();
      awaitValue(panel::read, p -> p.rows().stream().noneMatch(r -> r.trials().contains("00000")), "00000 off the panel");
      out = cli("resume", "steer", "00000", "--db", db);
      assertTrue(out.contains("Resumed trial 00000"), out);
      await(trials, l -> status(l, "00000") == TrialStatus.RUNNING && find(l, "00000").iteration() > paused.iteration(),
          "00000 resumed on an agent");
      out = cli("stop", "steer", "00001", "--db", db);
      assertTrue(out.contains("Stopped trial 00001"), out);

      String child = exp.controller().forkTrial("00000", Map.of("slope", 2.0)).get();
      await(trials, l -> l.stream().filter(t -> !t.status().isFinished()).count() == 0 && l.size() == 3,
          "every trial ended");
      // extend continues from the latest checkpoint for 3 more iterations
      String ckpt = Path.of(find(trials.get(), "00000").latestCheckpoint()).getFileName().toString();
      int target = Integer.parseInt(ckpt.replaceAll("\\D", "")) + 3;
      exp.controller().extendTrial("00000", 3).get();
      List<TrialSnapshot> end = await(trials, l -> status(l, "00000") == TrialStatus.TERMINATED
          && find(l, "00000").iteration() == target, "00000 extended to " + target);

      assertEquals(TrialStatus.TERMINATED, status(end, "00001"));
      assertTrue(find(end, "00001").iteration() < 40, "stopped early: " + find(end, "00001"));
      TrialSnapshot fork = find(end, child);
      assertEquals(TrialStatus.TERMINATED, fork.status(), String.valueOf(fork.error()));
      assertEquals("00000", fork.parentId());
      for (TrialSnapshot t : end) {
        // every result came from a worker on an agent, and each restart restored the counter from the checkpoint
        for (var r : h.store.results(id, t.id())) {
          assertTrue(agentPids().contains(((Number) r.metrics().get("pid")).longValue()), t.id() + " ran locally");
          if (!t.id().equals(child)) assertEquals((long) r.iteration(), r.metrics().get("counter"), t.id());
        }
      }
    }
  }

  private java.util.Set<Long> agentPids() {
    java.util.Set<Long> pids = new java.util.HashSet<>();
    // a worker that has ended is no longer a descendant: the agents' own logs name every worker they started
    String said = agents.said();
    var m = java.util.regex.Pattern.compile("\\(pid (\\d+)\\)").matcher(said);
    while (m.find()) pids.add(Long.parseLong(m.group(1)));
    return pids;
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TunebenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(0, code, String.join(" ", args) + ": " + err);
    return out.toString();
  }

  private static TrialStatus status(List<TrialSnapshot> l, String id) {
    TrialSnapshot t = find(l, id);
    return t == null ? null : t.status();
  }

  private static TrialSnapshot find(List<TrialSnapshot> l, String id) {
    return l.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  private <T> T await(Supplier<T> read, Predicate<T> ok, String what) throws Exception {
    return awaitValue(read, ok, what);
  }

  private <T> T awaitValue(Supplier<T> read, Predicate<T> ok, String what) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    T v = read.get();
    while (!ok.test(v)) {
      if (System.nanoTime() > end) throw new AssertionError(what + " did not happen; now: " + v + "\n" + agents.said());
      Thread.sleep(100);
      v = read.get();
    }
    return v;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
