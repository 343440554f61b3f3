package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SearchSpace;

/**
 * Random search with grid expansion, as Ray Tune's {@code BasicVariantGenerator}: every grid point is
 * repeated {@code numSamples} times and the other domains are sampled independently. A seed makes the
 * sequence reproducible; without one a random seed is drawn and kept in {@link #save()}.
 */
public final class RandomSearcher implements Searcher {
  @Override public boolean learnsFromResults() {
    return false;
  }

  public static final String TYPE = "random";

  private VariantGenerator generator;
  private final SearchSpace space;
  private final int numSamples;
  private final List<Map<String, Object>> pointsToEvaluate;

  public RandomSearcher(SearchSpace space, int numSamples, Long seed) {
    this(space, numSamples, List.of(), seed);
  }

  /** {@code pointsToEvaluate} (dotted, as {@link PointsToEvaluate#parse} gives them) go over the first configs. */
  public RandomSearcher(SearchSpace space, int numSamples, List<Map<String, Object>> pointsToEvaluate, Long seed) {
    if (numSamples < 1) throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
    this.space = space;
    this.numSamples = numSamples;
    this.pointsToEvaluate = List.copyOf(pointsToEvaluate);
    this.generator = new VariantGenerator(space, numSamples, seed != null ? seed : new SecureRandom().nextLong());
  }

  /** The searcher for a spec with {@code search.type} random; takes type, seed and pointsToEvaluate. */
  public static RandomSearcher create(ExperimentSpec spec) {
    SearcherRegistry.rejectUnknownParams(spec.search().params(), List.of(PointsToEvaluate.PARAM));
    return new RandomSearcher(spec.space(), spec.numSamples(),
        PointsToEvaluate.parse(spec.search().params(), spec.space()), spec.search().seed());
  }

  /** The seed in use (drawn at construction when none was given). */
  public long seed() {
    return generator.seed();
  }

  /** How many configs this searcher gives in all: numSamples times the number of grid points. */
  public long total() {
    return generator.total();
  }

  @Override public Optional<Map<String, Object>> suggest(String trialId) {
    return generator.isFinished() ? Optional.empty() : Optional.of(generator.next(pointsToEvaluate));
  }

  @Override public boolean isFinished() {
    return generator.isFinished();
  }

  @Override public JsonNode save() {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("type", TYPE);
    state.put("seed", generator.seed());
    state.put("suggested", generator.suggested());
    return state;
  }

  @Override public void restore(JsonNode state) {
    long suggested = SavedState.count(state, TYPE);
    JsonNode seed = state.get("seed");
    if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
      throw new IllegalArgumentException("saved random searcher state has no whole-number seed: " + state);
    }
    VariantGenerator restored = new VariantGenerator(space, numSamples, seed.longValue());
    restored.replay(suggested);
    generator = restored;
  }
}
