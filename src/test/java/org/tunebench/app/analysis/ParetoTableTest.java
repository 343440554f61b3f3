package org.tunebench.app.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.ExperimentSpec.Objective;

class ParetoTableTest {
  static ParetoTable.Trial trial(String id, Object a, Object b) {
    Map<String, Object> last = new HashMap<>();
    if (a != null) last.put("loss", a);
    if (b != null) last.put("latency", b);
    return new ParetoTable.Trial(id, Map.of("x", id), last);
  }

  static final List<Objective> MIN_MIN = List.of(new Objective("loss", Mode.MIN), new Objective("latency", Mode.MIN));

  @Test void marksTheNonDominatedTrialsAndLeavesOutTrialsWithoutEveryObjective() {
    List<ParetoTable.Trial> ts = new ArrayList<>(List.of(
        trial("a", 1.0, 5.0), trial("b", 2.0, 2.0), trial("c", 3.0, 3.0), trial("d", 4.0, 1.0),
        trial("e", 1.0, 6.0), trial("f", null, 0.1), trial("g", Double.NaN, 0.1)));
    ts.add(new ParetoTable.Trial("h", Map.of(), null));
    ParetoTable t = ParetoTable.of(MIN_MIN, ts);
    assertEquals(List.of("a", "b", "c", "d", "e"), t.ids());
    assertEquals(3, t.missing());
    // c is dominated by b, e by a
    assertEquals(List.of("a", "b", "d"), t.frontIds());
    assertEquals(3, t.frontSize());
  }

  @Test void theStaircaseBoundsWhatTheFrontDominatesForEachDirection() {
    List<ParetoTable.Trial> ts = List.of(trial("a", 1.0, 5.0), trial("b", 2.0, 2.0), trial("c", 4.0, 1.0), trial("d", 3.0, 3.0));
    // min x, min y: right then down, corners at the next point's x and the previous point's y
    double[][] minMin = ParetoTable.of(MIN_MIN, ts).staircase(0, 1);
    assertArrayEquals(new double[][] {{1, 5}, {2, 5}, {2, 2}, {4, 2}, {4, 1}}, minMin);

    // max x, max y: the front is d(3,3), c(4,1) and a(1,5); corners at the previous point's x
    List<Objective> maxMax = List.of(new Objective("loss", Mode.MAX), new Objective("latency", Mode.MAX));
    ParetoTable mm = ParetoTable.of(maxMax, ts);
    assertEquals(List.of("a", "c", "d"), mm.frontIds());
    assertArrayEquals(new double[][] {{1, 5}, {1, 3}, {3, 3}, {3, 1}, {4, 1}}, mm.staircase(0, 1));

    // min x, max y: larger x buys larger y; every point here is on the front
    List<Objective> minMax = List.of(new Objective("loss", Mode.MIN), new Objective("latency", Mode.MAX));
    List<ParetoTable.Trial> rising = List.of(trial("a", 1.0, 1.0), trial("b", 2.0, 3.0), trial("c", 3.0, 2.0));
    ParetoTable r = ParetoTable.of(minMax, rising);
    assertEquals(List.of("a", "b"), r.frontIds());
    assertArrayEquals(new double[][] {{1, 1}, {2, 1}, {2, 3}}, r.staircase(0, 1));
  }

  @Test void threeObjectivesMarkTheFrontOverAllAndEachPairHasItsOwnStaircase() {
    List<Objective> three = List.of(new Objective("loss", Mode.MIN), new Objective("latency", Mode.MIN),
        new Objective("size", Mode.MIN));
    List<ParetoTable.Trial> ts = new ArrayList<>();
    double[][] v = {{1, 1, 9}, {2, 2, 1}, {3, 3, 3}, {2, 2, 2}};
    for (int i = 0; i < v.length; i++) {
      ts.add(new ParetoTable.Trial("t" + i, Map.of(), Map.of("loss", v[i][0], "latency", v[i][1], "size", v[i][2])));
    }
    ParetoTable t = ParetoTable.of(three, ts);
    // t2 is dominated by t3 (and t1); t3 by t1
    assertEquals(List.of("t0", "t1"), t.frontIds());
    // in loss × latency alone only t0 is non-dominated: the staircase is that one point
    assertArrayEquals(new double[][] {{1, 1}}, t.staircase(0, 1));
  }

  @Test void theTwoObjectiveSweepAgreesWithPairwiseDominanceTiesIncluded() {
    java.util.Random r = new java.util.Random(3);
    for (int round = 0; round < 200; round++) {
      int n = r.nextInt(40);
      double[][] v = new double[n][];
      // small integers, so equal values and equal points are common
      for (int i = 0; i < n; i++) v[i] = new double[] {r.nextInt(6), r.nextInt(6) - 2.5};
      // and a negative zero beside a zero, equal in value
      if (n >= 2) {
        v[0][0] = -0.0;
        v[1][0] = 0.0;
      }
      for (Mode mx : Mode.values()) {
        for (Mode my : Mode.values()) {
          boolean[] fast = ParetoTable.front2d(v, 0, 1, mx, my);
          List<Integer> slow = org.tunebench.engine.search.Pareto.front(v, List.of(mx, my));
          for (int i = 0; i < n; i++) assertEquals(slow.contains(i), fast[i], "round " + round + " row " + i + " " + mx + "/" + my);
        }
      }
    }
  }

  @Test void noTrialsMakeAnEmptyFront() {
    ParetoTable t = ParetoTable.of(MIN_MIN, List.of());
    assertEquals(0, t.size());
    assertEquals(0, t.frontSize());
    assertEquals(0, t.staircase(0, 1).length);
  }
}
