package org.tunebench.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/** Agent JVMs ({@code tunebench agent --join}) on 127.0.0.1 for cluster tests; each with its own home and output. */
public final class AgentProcesses implements AutoCloseable {
  private final Path dir;
  private final String secret;
  final List<Process> agents = new ArrayList<>();
  final List<Path> outputs = new ArrayList<>();

  public AgentProcesses(Path dir, String secret) {
    this.dir = dir;
    this.secret = secret;
  }

  /** Starts agent number {@code agents.size()} with {@code cpus} joining {@code join}. */
  public Process start(String join, int cpus, String... more) throws Exception {
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    String java = ProcessHandle.current().info().command().orElse("java");
    int n = agents.size();
    Path out = dir.resolve("agent" + n + ".out");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        cp, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "org.tunebench.cli.TunebenchMain", "agent", "--join", join, "--cpus", Integer.toString(cpus)));
    cmd.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
    pb.environment().put(ClusterSecret.ENV, secret);
    pb.environment().put("TUNEBENCH_HOME", dir.resolve("agent-home" + n).toString());
    Process p = pb.start();
    agents.add(p);
    outputs.add(out);
    return p;
  }

  /** Waits until {@code count} reaches {@code want}; fails naming what the agents said. */
  public void await(IntSupplier count, int want, Duration max) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    while (count.getAsInt() < want) {
      if (System.nanoTime() > end) throw new AssertionError("only " + count.getAsInt() + " of " + want + " agents: " + said());
      Thread.sleep(50);
    }
  }

  /** The agent (process) one of whose descendants is {@code pid}. */
  public Process hosting(long pid) {
    return agents.stream().filter(a -> a.descendants().anyMatch(d -> d.pid() == pid)).findFirst()
        .orElseThrow(() -> new AssertionError("no agent runs worker " + pid));
  }

  /** The live agent that is receiving a file transfer now (a part file in its transfer folder), if any. */
  java.util.Optional<Process> receiving() {
    for (int i = 0; i < agents.size(); i++) {
      Path in = dir.resolve("agent-home" + i).resolve("agent").resolve("transfers");
      if (!agents.get(i).isAlive() || !Files.isDirectory(in)) continue;
      try (var files = Files.list(in)) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".part"))) return java.util.Optional.of(agents.get(i));
      } catch (java.io.IOException e) {
        // the folder changes while listed: look again next time
      }
    }
    return java.util.Optional.empty();
  }

  public String said() {
    StringBuilder b = new StringBuilder();
    for (Path p : outputs) {
      try {
        b.append("--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
      } catch (Exception e) {
        b.append("(unreadable)");
      }
    }
    return b.toString();
  }

  public static void signal(Process p, String sig) throws Exception {
    new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
  }

  @Override public void close() throws Exception {
    for (Process a : agents) {
      if (!a.isAlive()) continue;
      signal(a, "CONT");
      a.descendants().forEach(ProcessHandle::destroyForcibly);
      a.destroyForcibly().waitFor();
    }
  }
}
