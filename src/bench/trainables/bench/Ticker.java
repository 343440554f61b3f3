package bench;

import java.util.HashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * The engine benchmark's trainable: each step sleeps {@code sleep_ms} (0 = return at once) and reports a
 * small result. The driver stops it with {@code stop: {training_iteration: N}}. The sleep is a plain
 * per-step sleep (as in Ray Tune's release tests), so every microsecond the driver adds to a round trip
 * shows up in the wall time. With {@code gaps_dir} in its config it also times, per step, the gap from the end
 * of the previous step to the start of this one (the round trip to the driver as the worker sees it) and how long
 * the sleep overran, and writes them to a file in that folder at cleanup (microseconds, one step per line).
 */
public class Ticker implements Trainable {
  private long sleepNanos;
  private int counter;
  private String gapsDir;
  private long lastEnd;
  private long[] gaps = new long[0];
  private long[] overruns = new long[0];
  private int steps;

  @Override public void setup(Config config) {
    double ms = config.has("sleep_ms") ? config.getDouble("sleep_ms") : 0;
    sleepNanos = (long) (ms * 1_000_000);
    counter = 0;
    gapsDir = config.has("gaps_dir") ? config.getString("gaps_dir") : null;
  }

  @Override public Map<String, Object> step() throws Exception {
    long start = System.nanoTime();
    counter++;
    if (sleepNanos > 0) Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
    if (gapsDir != null) time(start);
    Map<String, Object> m = new HashMap<>(4);
    m.put("score", (double) counter);
    m.put("loss", 1.0 / counter);
    if (gapsDir != null) lastEnd = System.nanoTime();
    return m;
  }

  private void time(long start) {
    if (lastEnd == 0) return;
    if (steps == gaps.length) {
      gaps = java.util.Arrays.copyOf(gaps, Math.max(1024, steps * 2));
      overruns = java.util.Arrays.copyOf(overruns, gaps.length);
    }
    gaps[steps] = (start - lastEnd) / 1000;
    overruns[steps++] = (System.nanoTime() - start - sleepNanos) / 1000;
  }

  @Override public void cleanup() throws Exception {
    if (gapsDir == null) return;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < steps; i++) b.append(gaps[i]).append(' ').append(overruns[i]).append('\n');
    java.nio.file.Path dir = java.nio.file.Path.of(gapsDir);
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("ticker-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".txt"), b);
  }
}
