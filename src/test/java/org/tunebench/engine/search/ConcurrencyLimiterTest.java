package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SearchSpace;

class ConcurrencyLimiterTest {
  private static final SearchSpace SPACE = SearcherContractTest.parse("{\"x\": {\"uniform\": [0, 1]}}");

  @Test void givesNothingWhileMaxConcurrentTrialsAreLive() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(new RandomSearcher(SPACE, 10, 1L), 2);
    assertTrue(limiter.suggest("a").isPresent());
    assertTrue(limiter.suggest("b").isPresent());
    assertEquals(Optional.empty(), limiter.suggest("c"));
    limiter.onTrialComplete("a", Map.of("loss", 1.0), false);
    assertTrue(limiter.suggest("c").isPresent());
    assertEquals(Set.of("b", "c"), limiter.live());
    limiter.onTrialComplete("b", null, true); // an errored trial frees its slot too
    assertTrue(limiter.suggest("d").isPresent());
  }

  @Test void restoreKeepsTheLiveTrialsAndTheInnerState() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(new RandomSearcher(SPACE, 10, 1L), 1);
    limiter.suggest("a");
    ConcurrencyLimiter restored = new ConcurrencyLimiter(new RandomSearcher(SPACE, 10, 9L), 1);
    restored.restore(limiter.save());
    assertEquals(Optional.empty(), restored.suggest("b"));
    restored.onTrialComplete("a", Map.of("loss", 1.0), false);
    limiter.onTrialComplete("a", Map.of("loss", 1.0), false);
    assertEquals(limiter.suggest("b"), restored.suggest("b"));
  }
}
