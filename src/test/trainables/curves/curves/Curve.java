package curves;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * Deterministic learning curve: at iteration {@code t} (1-based, counted by the trainable itself so a
 * restored checkpoint continues it) {@code score = a * (1 - exp(-t / b))} and {@code loss = 1 - score}.
 * {@code a} and {@code b} come from the config, top level or inside a grid object {@code case}.
 * Checkpoints hold {@code t}; {@code resetConfig} accepts any config (PBT in place).
 */
public class Curve implements Trainable {
  private Config config;
  private int t;

  @Override public void setup(Config config) {
    this.config = config;
  }

  private double param(String key, double dflt) {
    if (config.has(key)) return config.getDouble(key);
    if (config.has("case." + key)) return config.getDouble("case." + key);
    return dflt;
  }

  /** The curve, public so tests compute the same doubles. */
  public static double score(double a, double b, int t) {
    return a * (1 - Math.exp(-t / b));
  }

  @Override public Map<String, Object> step() throws Exception {
    t++;
    long sleep = (long) param("sleep_ms", 0);
    if (sleep > 0) Thread.sleep(sleep);
    double s = score(param("a", 1), param("b", 1), t);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", s);
    m.put("loss", 1 - s);
    m.put("t", t);
    m.put("a_used", param("a", 1));
    return m;
  }

  @Override public void saveCheckpoint(Path dir) throws Exception {
    Files.writeString(dir.resolve("t.txt"), Integer.toString(t));
  }

  @Override public void loadCheckpoint(Path dir) throws Exception {
    t = Integer.parseInt(Files.readString(dir.resolve("t.txt")).trim());
  }

  @Override public boolean resetConfig(Config newConfig) {
    this.config = newConfig;
    return true;
  }
}
