package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

/** Model-based search must beat random search with the same budget (median best over seeds). */
class SearchQualityTest {
  private static final SearchSpace QUAD = SearcherContractTest.parse(
      "{\"x\": {\"uniform\": [-5, 5]}, \"y\": {\"uniform\": [-5, 5]}}");
  private static final SearchSpace BRANIN = SearcherContractTest.parse(
      "{\"x\": {\"uniform\": [-5, 10]}, \"y\": {\"uniform\": [0, 15]}}");

  static double quadratic(Map<String, Object> c) {
    return Math.pow(SearchLoop.x(c, "x") - 1.5, 2) + 2 * Math.pow(SearchLoop.x(c, "y") + 0.5, 2);
  }

  static double branin(Map<String, Object> c) {
    double x = SearchLoop.x(c, "x");
    double y = SearchLoop.x(c, "y");
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double r = y - b * x * x + 5 / Math.PI * x - 6;
    return r * r + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
  }

  private interface Factory {
    Searcher create(long seed);
  }

  private static double medianBest(Factory f, int seeds, int trials, ToDoubleFunction<Map<String, Object>> objective) {
    double[] best = new double[seeds];
    for (int s = 0; s < seeds; s++) best[s] = SearchLoop.best(f.create(1000 + s), trials, objective);
    return SearchLoop.median(best);
  }

  @Test void tpeBeatsRandomOnAQuadratic() {
    double random = medianBest(s -> new RandomSearcher(QUAD, 40, s), 7, 40, SearchQualityTest::quadratic);
    double tpe = medianBest(s -> new TpeSearcher(QUAD, 40, "loss", Mode.MIN, TpeSearcher.DEFAULTS, List.of(), s),
        7, 40, SearchQualityTest::quadratic);
    assertTrue(tpe < random, "tpe " + tpe + " vs random " + random);
  }

  @Test void gpBeatsRandomOnBraninAt30Trials() {
    double random = medianBest(s -> new RandomSearcher(BRANIN, 30, s), 5, 30, SearchQualityTest::branin);
    double gp = medianBest(s -> new GpSearcher(BRANIN, 30, "loss", Mode.MIN, 10, 500, List.of(), s),
        5, 30, SearchQualityTest::branin);
    assertTrue(gp < random, "gp " + gp + " vs random " + random);
    assertTrue(gp < 1.0, "gp median best " + gp + " (optimum 0.398)");
  }
}
