package org.tunebench.engine.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the command line of a worker JVM. */
final class JvmCommand {
  static final String WORKER_MAIN = "org.tunebench.worker.WorkerMain";

  private JvmCommand() {}

  /** The secret is not an argument: every local user can read command lines ({@code ps}). */
  static List<String> build(LaunchSpec spec, int port, String workerId) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(spec.jvmArgs());
    if (spec.jvmArgs().stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize"))) {
      cmd.add("-Xmx" + spec.memoryMb() + "m");
    }
    // one-core-per-trial workloads gain nothing from parallel GC threads; users may choose their own
    if (spec.jvmArgs().stream().noneMatch(a -> a.matches("-XX:\\+Use\\w+GC"))) cmd.add("-XX:+UseSerialGC");
    cmd.addAll(WorkerCds.options(spec.jvmArgs()));
    cmd.add("-Dtunebench.worker=" + workerId);
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(WORKER_MAIN);
    cmd.add(Integer.toString(port));
    cmd.add(workerId);
    return cmd;
  }

  static String javaBinary() {
    // The installed package starts the driver through its own native launcher, not bin/java: workers need the
    // runtime's java, so that comes first.
    Path runtimeJava = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(runtimeJava)) return runtimeJava.toString();
    return ProcessHandle.current().info().command().orElse(runtimeJava.toString());
  }

  /** Ours only: test classes never leak into a worker, so trainables there come from their JAR. */
  static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
