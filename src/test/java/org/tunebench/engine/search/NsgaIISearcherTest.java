package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.ExperimentSpec.Objective;
import org.tunebench.model.SearchSpace;

/** NSGA-II under the searcher contract (over a conditional space), and its children through generations. */
class NsgaIISearcherTest extends SearcherContractTest {
  static final NsgaIISearcher.Options SMALL = new NsgaIISearcher.Options(4, Double.NaN, 0.9, 0.5);

  @Override SearchSpace space() {
    return ConditionalSpaceTest.SPACE;
  }

  @Override Searcher create(SearchSpace space, int numSamples, Long seed) {
    return new NsgaIISearcher(space, numSamples, List.of(new Objective("loss", Mode.MIN)), SMALL, List.of(), seed);
  }

  @Override int expectedTotal() {
    return NUM_SAMPLES;
  }

  @Test void childrenOfLaterGenerationsStayInsideAConditionalSpaceAndFavourTheBestBranch() {
    NsgaIISearcher s = new NsgaIISearcher(space(), 60, List.of(new Objective("loss", Mode.MIN)), SMALL, List.of(), 7L);
    int sgdLate = 0;
    for (int i = 0; i < 60; i++) {
      Map<String, Object> c = s.suggest("t" + i).orElseThrow();
      assertTrue(space().contains(c), () -> "outside the space: " + c);
      if (i >= 40 && c.get("optimizer") instanceof Map<?, ?> m && "sgd".equals(m.get("name"))) sgdLate++;
      s.onTrialComplete("t" + i, Map.of("loss", ConditionalSpaceTest.loss(c)), false);
    }
    assertTrue(sgdLate > 10, "sgd in only " + sgdLate + " of the last 20");
    assertEquals(true, s.isFinished());
  }
}
