package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;

class ParetoTest {
  private static final List<Mode> MIN_MIN = List.of(Mode.MIN, Mode.MIN);

  @Test void theFrontHoldsExactlyTheUndominatedRows() {
    double[][] v = {{1, 5}, {2, 2}, {3, 3}, {5, 1}, {2, 2}, {4, 1}, {Double.NaN, 0}};
    // (3,3) is dominated by (2,2), (5,1) by (4,1); equal rows do not dominate each other; NaN is left out
    assertEquals(List.of(0, 1, 4, 5), Pareto.front(v, MIN_MIN));
  }

  @Test void maximisedObjectivesAreFlipped() {
    double[][] v = {{1, 5}, {1, 4}, {0, 6}};
    // min loss, max accuracy: (1,4) is dominated by (1,5); (0,6) dominates both
    assertEquals(List.of(2), Pareto.front(v, List.of(Mode.MIN, Mode.MAX)));
    assertEquals(List.of(0, 2), Pareto.front(v, List.of(Mode.MAX, Mode.MAX)));
  }

  @Test void theFrontMatchesABruteForceDefinitionOnRandomPoints() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int round = 0; round < 20; round++) {
      double[][] v = new double[30][3];
      for (double[] row : v) for (int k = 0; k < 3; k++) row[k] = rng.nextInt(6);
      List<Integer> front = Pareto.front(v, List.of(Mode.MIN, Mode.MIN, Mode.MIN));
      for (int i = 0; i < v.length; i++) {
        boolean dominated = false;
        for (double[] other : v) {
          boolean noWorse = other[0] <= v[i][0] && other[1] <= v[i][1] && other[2] <= v[i][2];
          boolean better = other[0] < v[i][0] || other[1] < v[i][1] || other[2] < v[i][2];
          dominated |= noWorse && better;
        }
        assertEquals(!dominated, front.contains(i), "row " + i);
      }
    }
  }

  @Test void hypervolumeOfAStaircase() {
    double[][] v = {{1, 3}, {2, 2}, {3, 1}, {2.5, 2.5}, {5, 0}};
    // reference (4, 4): strips 3x1 + 2x1 + 1x1 = 6; (2.5,2.5) adds nothing, (5,0) is beyond the reference
    assertEquals(6.0, Pareto.hypervolume2d(v, MIN_MIN, new double[] {4, 4}), 1e-12);
    assertEquals(6.0, Pareto.hypervolume2d(new double[][] {{-1, -3}, {-2, -2}, {-3, -1}},
        List.of(Mode.MAX, Mode.MAX), new double[] {-4, -4}), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Pareto.hypervolume2d(v, List.of(Mode.MIN), new double[] {4}));
  }
}
