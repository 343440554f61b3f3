package org.tunebench.samples.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.api.Config;

class XgbTrainableTest {

  @TempDir Path tmp;

  static Config config() {
    Map<String, Object> m = new HashMap<>();
    m.put("eta", 0.1);
    m.put("max_depth", 4);
    m.put("subsample", 0.8);
    m.put("colsample_bytree", 0.8);
    m.put("min_child_weight", 1.0);
    m.put("lambda", 1.0);
    return Config.of(m);
  }

  static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @Test
  void learnsAndCheckpointContinuesIdentically() throws Exception {
    XgbTrainable straight = new XgbTrainable();
    straight.setup(config());
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      expected.add(straight.step());
    }
    straight.cleanup();
    assertEquals(40, expected.get(3).get("rounds"));
    assertTrue(num(expected.get(3), "eval_logloss") < num(expected.get(0), "eval_logloss"), expected.toString());
    assertTrue(num(expected.get(3), "train_logloss") < num(expected.get(0), "train_logloss"), expected.toString());
    assertTrue(num(expected.get(3), "eval_error") < 0.3, expected.toString());

    XgbTrainable first = new XgbTrainable();
    first.setup(config());
    first.step();
    first.step();
    first.saveCheckpoint(tmp);
    first.cleanup();
    assertTrue(Files.size(tmp.resolve(XgbTrainable.MODEL_FILE)) > 0);

    XgbTrainable resumed = new XgbTrainable();
    resumed.setup(config());
    resumed.loadCheckpoint(tmp);
    assertEquals(expected.get(2), resumed.step());
    assertEquals(expected.get(3), resumed.step());
    resumed.cleanup();
  }

  @Test
  void pbtExploitInPlaceContinuesTheDonorExactly() throws Exception {
    XgbTrainable donor = new XgbTrainable();
    donor.setup(config());
    donor.step();
    donor.saveCheckpoint(tmp);
    Map<String, Object> donorNext = donor.step();
    donor.cleanup();

    Map<String, Object> other = new HashMap<>(config().asMap());
    other.put("eta", 0.01);
    other.put("max_depth", 2);
    XgbTrainable taker = new XgbTrainable();
    taker.setup(Config.of(other));
    taker.step();
    assertTrue(taker.resetConfig(config()));
    taker.loadCheckpoint(tmp);
    assertEquals(donorNext, taker.step());
    taker.cleanup();
  }

  @Test
  void badConfigNamesTheKey() {
    Map<String, Object> m = new HashMap<>(config().asMap());
    m.put("subsample", 1.5);
    XgbTrainable t = new XgbTrainable();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setup(Config.of(m)));
    assertTrue(e.getMessage().contains("subsample"), e.getMessage());
    m.remove("subsample");
    e = assertThrows(IllegalArgumentException.class, () -> t.setup(Config.of(m)));
    assertTrue(e.getMessage().contains("subsample"), e.getMessage());
  }
}
