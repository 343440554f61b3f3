package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.ExperimentSpec.Objective;
import org.tunebench.model.SearchSpace;

/** MOTPE (tpe with several objectives) and NSGA-II against random search on ZDT1 and ZDT2 (Zitzler et al. 2000). */
class MultiObjectiveSearchTest {
  static final int DIMS = 6;
  static final int TRIALS = 120;
  static final List<Objective> OBJECTIVES = List.of(new Objective("f1", Mode.MIN), new Objective("f2", Mode.MIN));
  static final double[] REFERENCE = {11, 11};

  static SearchSpace space() {
    Map<String, Object> s = new LinkedHashMap<>();
    for (int d = 0; d < DIMS; d++) s.put("x" + d, Map.of("uniform", List.of(0, 1)));
    return SearchSpace.parse(new ObjectMapper().valueToTree(s));
  }

  static double[] zdt(Map<String, Object> c, boolean two) {
    double[] x = new double[DIMS];
    for (int d = 0; d < DIMS; d++) x[d] = ((Number) c.get("x" + d)).doubleValue();
    double g = 0;
    for (int d = 1; d < DIMS; d++) g += x[d];
    g = 1 + 9 * g / (DIMS - 1);
    double r = x[0] / g;
    return new double[] {x[0], g * (1 - (two ? r * r : Math.sqrt(r)))};
  }

  static double hypervolume(Searcher s, boolean two) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      Map<String, Object> c = s.suggest("t" + i).orElseThrow();
      double[] f = zdt(c, two);
      points.add(f);
      s.onTrialComplete("t" + i, Map.of("f1", f[0], "f2", f[1]), false);
    }
    return Pareto.hypervolume2d(points.toArray(double[][]::new), List.of(Mode.MIN, Mode.MIN), REFERENCE);
  }

  static double median(Function<Long, Searcher> make, boolean two) {
    double[] hv = new double[5];
    for (int seed = 0; seed < hv.length; seed++) hv[seed] = hypervolume(make.apply((long) seed), two);
    return SearchLoop.median(hv);
  }

  @Test void motpeAndNsgaIIBeatRandomSearchOnZdt1AndZdt2() {
    SearchSpace space = space();
    for (boolean two : new boolean[] {false, true}) {
      double random = median(seed -> new RandomSearcher(space, TRIALS, seed), two);
      double motpe = median(seed -> new TpeSearcher(space, TRIALS, OBJECTIVES, TpeSearcher.DEFAULTS, List.of(), seed), two);
      double nsga = median(seed -> new NsgaIISearcher(space, TRIALS, OBJECTIVES, new NsgaIISearcher.Options(20, Double.NaN, 0.9, 0.5),
          List.of(), seed), two);
      String what = (two ? "ZDT2" : "ZDT1") + ": random " + random + ", motpe " + motpe + ", nsga2 " + nsga;
      assertTrue(motpe > random, what);
      assertTrue(nsga > random, what);
    }
  }

  @Test void exactHypervolumeAgreesWithTheTwoDimensionalSweepAndAUnitCube() {
    double[][] pts = {{1, 3}, {2, 2}, {3, 1}, {2.5, 2.5}};
    assertEquals(Pareto.hypervolume2d(pts, List.of(Mode.MIN, Mode.MIN), new double[] {4, 4}),
        MultiObjective.hypervolume(List.of(pts), new double[] {4, 4}), 1e-12);
    // two boxes in 3-D: [0,2]^3 minus nothing plus the part of [1,3]x[1,3]x[0,3]... checked by inclusion-exclusion
    double hv = MultiObjective.hypervolume(List.of(new double[] {1, 1, 1}, new double[] {0, 2, 2}), new double[] {3, 3, 3});
    assertEquals(8 + 3 * 1 * 1 - 2 * 1 * 1, hv, 1e-12); // 2x2x2, plus 3x1x1, minus their overlap 2x1x1
    assertEquals(List.of(0, 1, 0, 2), java.util.Arrays.stream(MultiObjective.ranks(new double[][] {{1, 2}, {2, 3}, {2, 1}, {3, 4}}))
        .boxed().toList());
  }

  @Test void restoreKeepsLossVectorsAndGenerations() throws Exception {
    SearchSpace space = space();
    NsgaIISearcher a = new NsgaIISearcher(space, 60, OBJECTIVES, new NsgaIISearcher.Options(8, Double.NaN, 0.9, 0.5), List.of(), 2L);
    for (int i = 0; i < 30; i++) {
      double[] f = zdt(a.suggest("t" + i).orElseThrow(), false);
      a.onTrialComplete("t" + i, Map.of("f1", f[0], "f2", f[1]), false);
    }
    NsgaIISearcher b = new NsgaIISearcher(space, 60, OBJECTIVES, new NsgaIISearcher.Options(8, Double.NaN, 0.9, 0.5), List.of(), 9L);
    b.restore(new ObjectMapper().readTree(a.save().toString()));
    for (int i = 30; i < 40; i++) {
      Map<String, Object> c = a.suggest("t" + i).orElseThrow();
      assertEquals(c, b.suggest("t" + i).orElseThrow());
      double[] f = zdt(c, false);
      a.onTrialComplete("t" + i, Map.of("f1", f[0], "f2", f[1]), false);
      b.onTrialComplete("t" + i, Map.of("f1", f[0], "f2", f[1]), false);
    }
    assertEquals(a.save(), b.save());
  }
}
