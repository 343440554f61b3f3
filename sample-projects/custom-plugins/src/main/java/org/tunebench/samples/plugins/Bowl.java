package org.tunebench.samples.plugins;

import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Session;
import org.tunebench.api.TrainFunction;

/**
 * A deterministic bowl: {@code loss} falls for {@code warmup} iterations towards its floor
 * {@code (x - 0.3)^2 + (y + 0.2)^2}, then stays there, so a patience stopper ends each trial soon after.
 */
public final class Bowl implements TrainFunction {
  @Override public void train(Config config, Session session) {
    double x = config.getDouble("x");
    double y = config.getDouble("y");
    int warmup = config.getInt("warmup");
    int iterations = config.getInt("iterations");
    double floor = (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2);
    for (int t = 1; t <= iterations; t++) {
      double loss = floor + Math.max(0, warmup - t) * 0.1;
      session.report(Map.of("loss", loss));
    }
  }
}
