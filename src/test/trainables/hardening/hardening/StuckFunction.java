package hardening;

import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Session;
import org.tunebench.api.TrainFunction;

/**
 * Function-API trainable that reports {@code reports} times and then hangs between two reports: sleeping forever
 * ({@code mode: "sleep"}) or spinning in code that swallows every interrupt ({@code mode: "ignore"}).
 */
public class StuckFunction implements TrainFunction {
  @Override public void train(Config config, Session session) throws Exception {
    long reports = config.has("reports") ? config.getLong("reports") : 1;
    for (int i = 1; i <= reports; i++) session.report(Map.of("score", (double) i));
    if (config.has("mode") && config.getString("mode").equals("ignore")) {
      while (true) {
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ignored) {
          // deliberately swallowed
        }
      }
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
