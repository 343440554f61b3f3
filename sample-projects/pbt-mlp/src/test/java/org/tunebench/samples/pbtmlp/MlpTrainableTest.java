package org.tunebench.samples.pbtmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.api.Config;

class MlpTrainableTest {

  @TempDir Path tmp;

  static Config config(double lr, double momentum) {
    return Config.of(Map.of("lr", lr, "momentum", momentum, "hidden", 32));
  }

  static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @Test
  void learnsTheSpirals() throws Exception {
    MlpTrainable t = new MlpTrainable();
    t.setup(config(0.3, 0.9));
    Map<String, Object> first = t.step();
    Map<String, Object> last = first;
    for (int i = 0; i < 19; i++) {
      last = t.step();
    }
    assertTrue(num(last, "loss") < num(first, "loss") / 2, first + " -> " + last);
    assertTrue(num(last, "accuracy") > 0.9, "accuracy " + last);
    assertEquals(1000L, last.get("updates"));
    assertEquals(0.3, num(last, "lr"));
  }

  @Test
  void checkpointRoundTripContinuesBitIdentically() throws Exception {
    MlpTrainable straight = new MlpTrainable();
    straight.setup(config(0.1, 0.9));
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      expected.add(straight.step());
    }

    MlpTrainable first = new MlpTrainable();
    first.setup(config(0.1, 0.9));
    for (int i = 0; i < 3; i++) {
      first.step();
    }
    first.saveCheckpoint(tmp);

    MlpTrainable resumed = new MlpTrainable();
    resumed.setup(config(0.1, 0.9));
    resumed.loadCheckpoint(tmp);
    for (int i = 3; i < 6; i++) {
      assertEquals(expected.get(i), resumed.step(), "iteration " + (i + 1));
    }
  }

  @Test
  void pbtExploitInPlaceContinuesTheDonorExactly() throws Exception {
    MlpTrainable donor = new MlpTrainable();
    donor.setup(config(0.1, 0.9));
    donor.step();
    donor.step();
    donor.saveCheckpoint(tmp);
    Map<String, Object> donorNext = donor.step();

    // a worse trial takes the donor's config and checkpoint in place, as the driver does for PBT
    MlpTrainable taker = new MlpTrainable();
    taker.setup(config(0.002, 0.1));
    taker.step();
    assertTrue(taker.resetConfig(config(0.1, 0.9)));
    taker.loadCheckpoint(tmp);
    assertEquals(donorNext, taker.step());
  }

  @Test
  void resetConfigTakesNewLrAndMomentumInPlace() throws Exception {
    MlpTrainable t = new MlpTrainable();
    t.setup(config(0.1, 0.9));
    t.step();
    assertTrue(t.resetConfig(config(0.01, 0.5)));
    Map<String, Object> m = t.step();
    assertEquals(0.01, num(m, "lr"));
    assertEquals(0.5, num(m, "momentum"));
    assertEquals(100L, m.get("updates"), "training state is kept");
    assertFalse(t.resetConfig(Config.of(Map.of("lr", 0.1, "momentum", 0.9, "hidden", 64))),
        "another architecture needs a fresh instance");
  }

  @Test
  void badConfigNamesTheKey() {
    MlpTrainable t = new MlpTrainable();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setup(config(0.0, 0.5)));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.setup(config(0.1, 1.2)));
    assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.setup(Config.of(Map.of("lr", "fast", "momentum", 0.5))));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
  }
}
