package hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;
import org.tunebench.api.TrialInfo;

/**
 * Class-API trainable that reports what its worker sees (command line, environment, GPUs, child processes)
 * and misbehaves as its config asks: a huge result, a huge exception message, an interrupt flag left set.
 */
public class Probe implements Trainable {
  private Config config;
  private int n;
  private Process child;

  @Override public void setup(Config config) throws Exception {
    this.config = config;
    if (config.has("spawn_sleep")) child = new ProcessBuilder("sleep", "300").start();
  }

  @Override public Map<String, Object> step() throws Exception {
    n++;
    long sleep = config.has("sleep_ms") ? config.getLong("sleep_ms") : 0;
    if (sleep > 0) Thread.sleep(sleep);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", (double) n);
    if (n == 1) {
      m.put("cmdline", commandLine());
      m.put("env", new TreeMap<>(System.getenv()).toString());
      String cuda = System.getenv("CUDA_VISIBLE_DEVICES");
      m.put("cuda", cuda == null ? "<unset>" : cuda);
      m.put("gpuIds", String.join(",", TrialInfo.current().gpuIds()));
      m.put("infoId", TrialInfo.current().trialId());
    }
    if (child != null) m.put("childPid", child.pid());
    if (config.has("big_at") && n == config.getLong("big_at")) m.put("blob", "x".repeat(30 << 20));
    if (config.has("long_error_at") && n == config.getLong("long_error_at")) {
      throw new IllegalStateException("long:" + "y".repeat(200_000));
    }
    if (config.has("interrupt")) Thread.currentThread().interrupt();
    if (config.has("print_kb")) {
      String line = "z".repeat(1023);
      for (int i = 0; i < config.getLong("print_kb"); i++) System.out.println(n + line);
    }
    if (config.has("fail") && n == config.getLong("fail")) throw new IllegalStateException("failed after printing");
    if (config.has("ignore_interrupts") && n == config.getLong("ignore_interrupts")) spinIgnoringInterrupts();
    if (config.has("sleep_forever_at") && n == config.getLong("sleep_forever_at")) Thread.sleep(Long.MAX_VALUE);
    return m;
  }

  /** What {@code ps} shows of this process (the JDK's ProcessHandle.Info may leave the arguments out). */
  private static String commandLine() throws Exception {
    Path proc = Path.of("/proc/self/cmdline");
    if (Files.exists(proc)) return new String(Files.readAllBytes(proc), "UTF-8").replace('\0', ' ').trim();
    return ProcessHandle.current().info().commandLine().orElse("");
  }

  /** A step stuck in code that swallows interrupts: only killing the process ends it. */
  private static void spinIgnoringInterrupts() {
    while (true) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException ignored) {
        // deliberately swallowed
      }
    }
  }

  @Override public void saveCheckpoint(Path dir) throws Exception {
    Files.writeString(dir.resolve("n.txt"), Integer.toString(n));
  }

  @Override public void loadCheckpoint(Path dir) throws Exception {
    n = Integer.parseInt(Files.readString(dir.resolve("n.txt")).trim());
  }
}
