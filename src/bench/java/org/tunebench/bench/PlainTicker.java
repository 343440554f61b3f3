package org.tunebench.bench;

import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * The plain-JVM baseline of {@link EngineBench}: one JVM runs {@code bench.Ticker} for {@code TRIALS} trials of
 * {@code ITERATIONS} steps each, one after another, with no driver, no wire and no store. What 16 of them take
 * side by side is what the trainables need on this machine at this moment (JVM start-up, sleeps that wake up
 * late on a loaded machine), measured in the same run as the driver.
 * <pre>PlainTicker SLEEP_MS ITERATIONS TRIALS</pre>
 */
public final class PlainTicker {
  private PlainTicker() {}

  public static void main(String[] args) throws Exception {
    double sleepMs = Double.parseDouble(args[0]);
    int iterations = Integer.parseInt(args[1]);
    int trials = Integer.parseInt(args[2]);
    double sum = 0;
    for (int t = 0; t < trials; t++) {
      Trainable ticker = (Trainable) Class.forName("bench.Ticker").getDeclaredConstructor().newInstance();
      ticker.setup(Config.of(Map.of("sleep_ms", sleepMs)));
      for (int i = 0; i < iterations; i++) sum += ((Number) ticker.step().get("score")).doubleValue();
      ticker.cleanup();
    }
    if (sum < 0) System.out.println(sum); // keeps the steps' results alive
  }
}
