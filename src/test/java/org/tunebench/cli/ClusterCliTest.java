package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.cluster.ClusterSecret;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** Cluster mode from the command line: {@code run --cluster-port} and {@code agent --join}, as two JVMs. */
@Timeout(90)
class ClusterCliTest {
  @TempDir Path tmp;

  private static int[] cli(StringWriter out, StringWriter err, String... args) {
    return new int[] {TunebenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args)};
  }

  @Test void agentAndClusterRunWithoutTheSecretSayWhatIsMissingInOneLine() {
    assumeTrue(System.getenv(ClusterSecret.ENV) == null, "the secret is set in this environment");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(2, cli(out, err, "agent", "--join", "127.0.0.1:5701")[0]);
    assertTrue(err.toString().startsWith("tunebench: " + ClusterSecret.ENV + " is not set"), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(2, cli(new StringWriter(), err2, "run", "x.json", "--cluster-port", "70000")[0]);
    assertTrue(err2.toString().contains("x.json"), err2.toString());
  }

  /** Options that would be ignored or break later are refused at once, in one line naming the option. */
  @Test void clusterOptionsThatCannotWorkAreRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path spec = java.nio.file.Files.writeString(tmp.resolve("w.json"), "{\"name\": \"w\", \"trainable\": {\"jar\": \"t.jar\"},"
        + " \"space\": {\"x\": 1}, \"metric\": \"m\", \"mode\": \"min\"}");
    String db = tmp.resolve("db/tb").toString();
    StringWriter err = new StringWriter();
    assertEquals(2, cli(new StringWriter(), err, "run", spec.toString(), "--db", db, "--cluster-port", "5799",
        "--cluster-wait", "-5")[0]);
    assertEquals("tunebench: --cluster-wait -5: must be at least 1 second", err.toString().strip());
    StringWriter err2 = new StringWriter();
    assertEquals(2, cli(new StringWriter(), err2, "run", spec.toString(), "--db", db, "--cluster-bind", "10.1.2.3")[0]);
    assertEquals("tunebench: --cluster-bind needs --cluster-port (cluster mode); without it trials run here",
        err2.toString().strip());
  }

  /** "Continue it with: ... resume NAME" keeps cluster mode: without the options it ran every trial on the driver. */
  @Test void theContinueLineNamesTheClusterOptions() {
    ClusterOption o = new ClusterOption();
    assertEquals("", o.again());
    o.port = 5710;
    assertEquals(" --cluster-port 5710", o.again());
    o.bind = "192.168.1.10";
    assertEquals(" --cluster-port 5710 --cluster-bind 192.168.1.10", o.again());
  }

  private static ProcessBuilder java(Path home, String... args) {
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp, "org.tunebench.cli.TunebenchMain"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put(ClusterSecret.ENV, "cli-test-secret-0123456789");
    pb.environment().put("TUNEBENCH_HOME", home.toString());
    return pb;
  }

  @Test void runWithClusterPortUsesTheAgentThatJoins() throws Exception {
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "clustered");
    s.putObject("stop").put("training_iteration", 3);
    s.put("numSamples", 2);
    Path spec = tmp.resolve("clustered.json");
    Files.writeString(spec, Wire.JSON.writeValueAsString(s));
    int port;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    Path driverOut = tmp.resolve("driver.out");
    Path agentOut = tmp.resolve("agent.out");
    Process driver = java(tmp.resolve("driver-home"), "run", spec.toString(), "--cluster-port", Integer.toString(port),
        "--cluster-bind", "127.0.0.1", "--cluster-wait", "30")
        .redirectOutput(driverOut.toFile()).redirectError(tmp.resolve("driver.err").toFile()).start();
    Process agent = java(tmp.resolve("agent-home"), "agent", "--join", "127.0.0.1:" + port, "--cpus", "2")
        .redirectErrorStream(true).redirectOutput(agentOut.toFile()).start();
    try {
      assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "driver finished");
      String said = Files.readString(driverOut);
      assertEquals(0, driver.exitValue(), said + Files.readString(tmp.resolve("driver.err")));
      assertTrue(said.contains("Experiment clustered COMPLETED: 2 trials, 0 errored."), said);
      String agentSaid = Files.readString(agentOut);
      assertTrue(agentSaid.contains("started trial 00000") && agentSaid.contains("started trial 00001"), agentSaid);
    } finally {
      driver.destroyForcibly();
      agent.descendants().forEach(ProcessHandle::destroyForcibly);
      agent.destroyForcibly().waitFor();
    }
  }
}
