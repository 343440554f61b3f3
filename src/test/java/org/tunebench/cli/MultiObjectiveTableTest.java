package org.tunebench.cli;

import org.tunebench.app.Objectives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.ExperimentSpec.Objective;
import org.tunebench.model.TrialStatus;

/** `run` and `show` name every objective and mark the Pareto front (they showed one metric and its best). */
class MultiObjectiveTableTest {
  private static TrialSnapshot trial(String id, double loss, int epoch) {
    return new TrialSnapshot(id, 0, TrialStatus.TERMINATED, Map.of("lr", 0.1), 3,
        Map.of("val_loss", loss, "epoch", epoch), loss, 0, null, null, "/t", null, Instant.EPOCH, 1, null, null, null,
        List.of());
  }

  private static final List<Objective> TWO = List.of(new Objective("val_loss", Mode.MIN), new Objective("epoch", Mode.MIN));

  @Test void theFrontIsTheTrialsNoOtherDominates() {
    List<TrialSnapshot> ts = List.of(trial("a", 0.5, 9), trial("b", 0.4, 20), trial("c", 0.6, 20), trial("d", 0.5, 5));
    assertEquals(Set.of(1, 3), Objectives.front(TWO, ts));
    assertNull(Objectives.front(TWO.subList(0, 1), ts), "one objective: no front");
  }

  @Test void theTableHasEachObjectiveAndAParetoColumn() {
    List<TrialSnapshot> ts = List.of(trial("a", 0.5, 9), trial("b", 0.4, 20));
    String t = TrialTable.render(ts, List.of("val_loss", "epoch"), Objectives.front(TWO, ts));
    String header = t.lines().skip(1).findFirst().orElseThrow();
    assertTrue(header.contains("| val_loss | epoch | pareto |"), header);
    assertFalse(header.contains("best"), header);
    assertEquals(2, t.lines().filter(l -> l.trim().endsWith("| *      |")).count(), t);
  }

  @Test void theHeaderNamesEveryObjective() {
    assertEquals("objectives val_loss (min), epoch (min)", Objectives.describe(TWO));
    assertEquals("metric val_loss (min)", Objectives.describe(TWO.subList(0, 1)));
    assertEquals(TWO, Objectives.of("{\"metric\": [\"val_loss\", \"epoch\"], \"mode\": [\"min\", \"min\"]}", "val_loss", "min"));
    assertEquals(TWO.subList(0, 1), Objectives.of("not json", "val_loss", "min"));
  }
}
