package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

class SearcherRegistryTest {
  private static final SearchSpace GRID_ONLY = SearcherContractTest.parse("{\"a\": {\"grid\": [1, 2]}}");
  private static final SearchSpace MIXED = SearcherContractTest.parse("{\"a\": {\"grid\": [1, 2]}, \"b\": {\"uniform\": [0, 1]}}");
  private static final SearchSpace MODEL = SearcherContractTest.parse("{\"a\": {\"choice\": [1, 2]}, \"b\": {\"uniform\": [0, 1]}}");

  static ExperimentSpec spec(SearchSpace space, String type, ObjectNode params) {
    return new ExperimentSpec("e", new ExperimentSpec.Trainable(Path.of("/t.jar"), null), space, "loss",
        ExperimentSpec.Mode.MIN, 2, new ExperimentSpec.Search(type, 3L, params),
        new ExperimentSpec.Scheduler("fifo", JsonNodeFactory.instance.objectNode()), null, null,
        new ExperimentSpec.Resources(1, 0, 512), 0, new ExperimentSpec.Checkpoint(0, false, 0),
        new ExperimentSpec.Failure(0), List.of(), null);
  }

  private static ObjectNode params() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Test void createsTheBuiltInSearchers() {
    assertInstanceOf(RandomSearcher.class, SearcherRegistry.create(spec(MIXED, "random", params())));
    GridSearcher grid = (GridSearcher) SearcherRegistry.create(spec(GRID_ONLY, "grid", params()));
    assertEquals(4, grid.total());
    assertEquals(3L, ((RandomSearcher) SearcherRegistry.create(spec(MIXED, "random", params()))).seed());
  }

  @Test void aTypeNotYetAvailableNamesSearchType() {
    SpecException e = assertThrows(SpecException.class, () -> SearcherRegistry.create(spec(MIXED, "bohb", params())));
    assertEquals("$.search.type", e.path());
    assertTrue(e.getMessage().contains("available: random, grid, tpe, gp, nsga2, test-fixed"), e.getMessage());
  }

  @Test void unknownParamsOfRandomAndGridNameTheKey() {
    SpecException e = assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MIXED, "random", params().put("nStartupTrials", 3))));
    assertEquals("$.search.nStartupTrials", e.path());
    assertEquals("$.search.x", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(GRID_ONLY, "grid", params().put("x", 1)))).path());
  }

  @Test void gridSearchOverARandomDomainNamesTheDomain() {
    assertEquals("$.space.b", assertThrows(SpecException.class, () -> SearcherRegistry.create(spec(MIXED, "grid", params()))).path());
  }

  @Test void maxConcurrentWrapsAnySearcherInAConcurrencyLimiter() {
    for (String type : List.of("random", "tpe", "gp")) {
      Searcher s = SearcherRegistry.create(spec(MODEL, type, params().put("maxConcurrent", 1)));
      ConcurrencyLimiter limiter = assertInstanceOf(ConcurrencyLimiter.class, s, type);
      assertEquals(1, limiter.maxConcurrent());
      assertTrue(s.suggest("a").isPresent());
      assertTrue(s.suggest("b").isEmpty(), "a second live suggestion past maxConcurrent 1: " + type);
      s.onTrialComplete("a", Map.of("loss", 1.0), false);
      assertTrue(s.suggest("b").isPresent(), type);
    }
    assertEquals("$.search.maxConcurrent", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MODEL, "tpe", params().put("maxConcurrent", 0)))).path());
    assertInstanceOf(TpeSearcher.class, SearcherRegistry.create(spec(MODEL, "tpe", params())));
  }

  @Test void modelBasedSearchersRefuseGridDomainsNamingThem() {
    for (String type : List.of("tpe", "gp")) {
      SpecException e = assertThrows(SpecException.class, () -> SearcherRegistry.create(spec(MIXED, type, params())));
      assertEquals("$.space.a", e.path(), type);
      assertTrue(e.getMessage().contains("search type " + type + " does not expand grid domains; use choice"), e.getMessage());
    }
  }

  @Test void gpRefusesSeveralObjectivesAndRandomTpeAndNsgaIITakeThem() {
    for (String type : List.of("random", "tpe", "nsga2", "gp")) {
      ExperimentSpec one = spec(MODEL, type, params());
      ExperimentSpec two = new ExperimentSpec(one.name(), one.trainable(), one.space(), one.metric(), one.mode(),
          one.numSamples(), one.search(), one.scheduler(), one.stop(), one.timeBudgetS(), one.resourcesPerTrial(),
          one.maxConcurrentTrials(), one.checkpoint(), one.failure(), one.jvmArgs(), one.source(),
          List.of(new ExperimentSpec.Objective("loss", ExperimentSpec.Mode.MIN), new ExperimentSpec.Objective("ms", ExperimentSpec.Mode.MIN)));
      if (type.equals("random")) {
        assertInstanceOf(RandomSearcher.class, SearcherRegistry.create(two));
        continue;
      }
      if (type.equals("tpe") || type.equals("nsga2")) {
        Searcher s = SearcherRegistry.create(two);
        assertEquals(type.equals("tpe") ? TpeSearcher.class : NsgaIISearcher.class, s.getClass());
        continue;
      }
      SpecException e = assertThrows(SpecException.class, () -> SearcherRegistry.create(two));
      assertEquals("$.metric", e.path());
      assertTrue(e.getMessage().contains("search type " + type + " optimises one metric; with 2 objectives use search type tpe (MOTPE), nsga2, random or grid"), e.getMessage());
    }
  }

  @Test void aTypeOfferedThroughServiceLoaderIsFoundAndItsParametersChecked() {
    RandomSearcher s = (RandomSearcher) SearcherRegistry.create(spec(MIXED, "test-fixed", params().put("budget", 2)));
    RandomSearcher one = (RandomSearcher) SearcherRegistry.create(spec(MIXED, "test-fixed", params().put("budget", 1)));
    assertEquals(2 * one.total(), s.total());
    assertTrue(SearcherRegistry.types().contains("test-fixed"));
    SpecException e = assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MIXED, "test-fixed", params().put("budgett", 2))));
    assertEquals("$.search.budgett", e.path());
    assertTrue(e.getMessage().contains("allowed: seed, budget, maxConcurrent"), e.getMessage());
    assertEquals("$.search.budget", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MIXED, "test-fixed", params().put("budget", 0)))).path());
  }

  @Test void createsTpeAndGpWithTheirParams() {
    TpeSearcher tpe = (TpeSearcher) SearcherRegistry.create(spec(MODEL, "tpe", params().put("nStartupTrials", 5)
        .put("gamma", 0.25).put("multivariate", true).put("constantLiar", true)));
    assertEquals(new TpeSearcher.Options(5, 24, 0.25, 1.0, false, true, false, true), tpe.options());
    assertEquals(3L, tpe.seed());
    assertInstanceOf(GpSearcher.class, SearcherRegistry.create(spec(MODEL, "gp", params().put("nCandidates", 100))));
  }

  @Test void badTpeAndGpParamsNameTheKey() {
    SpecException unknown = assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MODEL, "tpe", params().put("nEICandidates", 3))));
    assertEquals("$.search.nEICandidates", unknown.path());
    assertTrue(unknown.getMessage().contains("nEiCandidates"), unknown.getMessage());
    assertEquals("$.search.gamma", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MODEL, "tpe", params().put("gamma", 1.5)))).path());
    assertEquals("$.search.multivariate", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MODEL, "tpe", params().put("multivariate", "yes")))).path());
    assertEquals("$.search.nCandidates", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MODEL, "gp", params().put("nCandidates", 0)))).path());
    assertEquals("$.search.gamma", assertThrows(SpecException.class,
        () -> SearcherRegistry.create(spec(MODEL, "gp", params().put("gamma", 0.1)))).path());
  }
}
