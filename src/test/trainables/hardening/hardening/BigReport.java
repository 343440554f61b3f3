package hardening;

import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Session;
import org.tunebench.api.TrainFunction;

/** Function-API trainable whose second report is a 30 MB string: the report call itself must fail. */
public class BigReport implements TrainFunction {
  @Override public void train(Config config, Session session) {
    session.report(Map.of("score", 1.0));
    session.report(Map.of("score", 2.0, "blob", "x".repeat(30 << 20)));
    session.report(Map.of("score", 3.0));
  }
}
