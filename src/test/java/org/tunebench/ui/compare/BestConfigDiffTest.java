package org.tunebench.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.model.ExperimentSpec.Mode;

class BestConfigDiffTest {
  static AnalysisTable table(Mode mode, Object... idConfigBest) {
    List<AnalysisTable.Trial> t = new java.util.ArrayList<>();
    for (int i = 0; i < idConfigBest.length; i += 3) {
      @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) idConfigBest[i + 1];
      t.add(new AnalysisTable.Trial((String) idConfigBest[i], c, (Double) idConfigBest[i + 2]));
    }
    return AnalysisTable.of(null, "loss", mode, t);
  }

  @Test void theBestConfigsAreSideBySideAndDifferencesFlagged() {
    AnalysisTable a = table(Mode.MIN, "a1", Map.of("lr", 0.1, "net", Map.of("depth", 3L)), 0.5,
        "a2", Map.of("lr", 0.01, "net", Map.of("depth", 4L)), 0.2);
    AnalysisTable b = table(Mode.MIN, "b1", Map.of("lr", 0.01, "net", Map.of("depth", 2L)), 0.3,
        "b2", Map.of("lr", 0.3, "net", Map.of("depth", 2L)), 0.9);
    BestConfigDiff d = BestConfigDiff.of(List.of("A", "B"), List.of(a, b));
    assertEquals(List.of("best loss", "trial", "lr", "net.depth"), d.rows().stream().map(BestConfigDiff.Row::param).toList());
    assertEquals(List.of(0.2, 0.3), d.rows().get(0).values());
    assertEquals(List.of("a2", "b1"), d.rows().get(1).values());
    assertFalse(d.rows().get(2).differs(), "both best trials used lr 0.01");
    assertTrue(d.rows().get(3).differs());
    assertEquals(List.of(4L, 2L), d.rows().get(3).values());
  }
}
