package org.tunebench.samples.logreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.api.Config;

class LogRegTrainableTest {

  @TempDir Path tmp;

  static Config config(double lr, double momentum) {
    return Config.of(Map.of("lr", lr, "l2", 1e-4, "batchSize", 32, "epochsPerStep", 1, "momentum", momentum));
  }

  static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @Test
  void lossFallsAndAccuracyIsGood() throws Exception {
    LogRegTrainable t = new LogRegTrainable();
    t.setup(config(0.01, 0.5));
    Map<String, Object> first = t.step();
    Map<String, Object> last = first;
    for (int i = 0; i < 9; i++) {
      last = t.step();
    }
    assertTrue(num(last, "loss") < num(first, "loss"), first + " -> " + last);
    assertTrue(num(last, "val_loss") < num(first, "val_loss"), first + " -> " + last);
    assertTrue(num(last, "val_accuracy") > 0.75, "val_accuracy " + last);
    assertEquals(10, last.get("epoch"));
  }

  @Test
  void checkpointRoundTripContinuesBitIdentically() throws Exception {
    LogRegTrainable straight = new LogRegTrainable();
    straight.setup(config(0.05, 0.9));
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      expected.add(straight.step());
    }

    LogRegTrainable first = new LogRegTrainable();
    first.setup(config(0.05, 0.9));
    for (int i = 0; i < 3; i++) {
      first.step();
    }
    first.saveCheckpoint(tmp);
    first.cleanup();

    LogRegTrainable resumed = new LogRegTrainable();
    resumed.setup(config(0.05, 0.9));
    resumed.loadCheckpoint(tmp);
    for (int i = 3; i < 8; i++) {
      assertEquals(expected.get(i), resumed.step(), "step " + (i + 1));
    }
  }

  @Test
  void resetConfigTakesNewHyperparameters() throws Exception {
    LogRegTrainable a = new LogRegTrainable();
    a.setup(config(0.05, 0.9));
    a.step();
    LogRegTrainable b = new LogRegTrainable();
    b.setup(config(0.05, 0.9));
    b.step();
    assertTrue(b.resetConfig(config(0.001, 0.0)));
    assertTrue(!a.step().equals(b.step()), "a new lr must change the trajectory");
  }

  @Test
  void badConfigNamesTheKey() {
    LogRegTrainable t = new LogRegTrainable();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.setup(Config.of(Map.of("lr", 0.1, "l2", 0.0, "batchSize", 0, "momentum", 0.5))));
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> t.setup(Config.of(Map.of("lr", 0.1, "l2", 0.0, "batchSize", 16, "momentum", 1.0))));
    assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> t.setup(Config.of(Map.of("l2", 0.0, "batchSize", 16))));
    assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
  }
}
