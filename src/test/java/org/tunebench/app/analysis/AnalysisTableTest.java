package org.tunebench.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

class AnalysisTableTest {
  static SearchSpace space() throws Exception {
    return SearchSpace.parse(JsonMapper.builder().build().readTree("""
        {"lr": {"loguniform": [1e-5, 1e-1]}, "opt": {"choice": ["adam", "sgd"]}, "seed": 3,
         "net": {"width": {"randint": [8, 64]}}}"""));
  }

  static List<AnalysisTable.Trial> trials() {
    List<AnalysisTable.Trial> t = new ArrayList<>();
    t.add(new AnalysisTable.Trial("a", Map.of("lr", 1e-3, "opt", "sgd", "seed", 3L, "net", Map.of("width", 16L)), 0.5));
    t.add(new AnalysisTable.Trial("b", Map.of("lr", 1e-2, "opt", "adam", "seed", 3L, "net", Map.of("width", 16L)), 0.2));
    t.add(new AnalysisTable.Trial("c", Map.of("lr", 1e-4, "opt", "adam", "seed", 3L, "net", Map.of("width", 16L)), null));
    t.add(new AnalysisTable.Trial("d", Map.of("lr", 1e-1, "opt", "adam", "seed", 3L, "net", Map.of("width", 16L)), 0.9));
    return t;
  }

  @Test void logDomainsAreLog10ChoicesAreIndexesConstantsAndUnvariedParametersAreLeftOut() throws Exception {
    AnalysisTable a = AnalysisTable.of(space(), "loss", Mode.MIN, trials());
    assertEquals(List.of("lr", "opt"), a.axes().stream().map(ParamAxis::name).toList());
    assertEquals(ParamAxis.Scale.LOG, a.axes().get(0).scale());
    assertEquals(ParamAxis.Scale.CATEGORICAL, a.axes().get(1).scale());
    assertEquals(List.of("a", "b", "d"), a.ids(), "a trial without a metric is left out");
    assertEquals(-3, a.x()[0][0], 1e-12);
    assertEquals(1, a.x()[0][1], 1e-12);
    assertEquals("sgd", a.axes().get(1).label(1));
    assertEquals(1, a.best());
  }

  @Test void topQuantileKeepsTheBestTrials() throws Exception {
    AnalysisTable a = AnalysisTable.of(space(), "loss", Mode.MIN, trials()).top(0.5);
    assertEquals(List.of("b", "a"), a.ids());
    AnalysisTable max = AnalysisTable.of(space(), "acc", Mode.MAX, trials()).top(0.5);
    assertEquals(List.of("d", "a"), max.ids());
  }

  @Test void importanceHasOneSharePerAxis() throws Exception {
    double[] imp = AnalysisTable.of(space(), "loss", Mode.MIN, trials()).importance(1);
    assertEquals(2, imp.length);
    assertTrue(imp[0] >= 0 && imp[1] >= 0);
  }

  @Test void aConditionalChoiceIsExplainedByTheLeavesOfItsOptions() throws Exception {
    SearchSpace space = SearchSpace.parse(JsonMapper.builder().build().readTree("""
        {"opt": {"choice": [{"name": "sgd", "m": {"uniform": [0, 1]}}, {"name": "adam", "b": {"uniform": [0, 1]}}]}}"""));
    List<AnalysisTable.Trial> t = List.of(
        new AnalysisTable.Trial("a", Map.of("opt", Map.of("name", "sgd", "m", 0.5)), 0.5),
        new AnalysisTable.Trial("b", Map.of("opt", Map.of("name", "adam", "b", 0.2)), 0.2),
        new AnalysisTable.Trial("c", Map.of("opt", Map.of("name", "sgd", "m", 0.7)), 0.9));
    AnalysisTable a = AnalysisTable.of(space, "loss", Mode.MIN, t);
    assertEquals(java.util.Set.of("opt.name", "opt.m"), java.util.Set.copyOf(a.axes().stream().map(ParamAxis::name).toList()));
    assertEquals(ParamAxis.Scale.CATEGORICAL, a.axes().stream().filter(x -> x.name().equals("opt.name")).findFirst().orElseThrow().scale());
  }
}
