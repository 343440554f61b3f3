package bench;

import java.util.HashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * The engine benchmark's trainable: each step sleeps {@code sleep_ms} (0 = return at once) and reports a
 * small result. The driver stops it with {@code stop: {training_iteration: N}}. The sleep is a plain
 * per-step sleep (as in Ray Tune's release tests), so every microsecond the driver adds to a round trip
 * shows up in the wall time.
 */
public class Ticker implements Trainable {
  private long sleepNanos;
  private int counter;

  @Override public void setup(Config config) {
    double ms = config.has("sleep_ms") ? config.getDouble("sleep_ms") : 0;
    sleepNanos = (long) (ms * 1_000_000);
    counter = 0;
  }

  @Override public Map<String, Object> step() throws Exception {
    counter++;
    if (sleepNanos > 0) Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
    Map<String, Object> m = new HashMap<>(4);
    m.put("score", (double) counter);
    m.put("loss", 1.0 / counter);
    return m;
  }
}
