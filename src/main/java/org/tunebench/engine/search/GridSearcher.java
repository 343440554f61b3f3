package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunebench.model.Domain;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

/**
 * Exhaustive grid search ({@code search.type} grid): the cross product of the grid leaves, each point
 * repeated {@code numSamples} times. Only grid domains and constants are allowed, so nothing is random.
 */
public final class GridSearcher implements Searcher {
  @Override public boolean learnsFromResults() {
    return false;
  }

  public static final String TYPE = "grid";

  private final VariantGenerator generator;
  private final List<Map<String, Object>> pointsToEvaluate;

  public GridSearcher(SearchSpace space, int numSamples) {
    this(space, numSamples, List.of());
  }

  /** {@code pointsToEvaluate} (dotted) replace the leaves they name in the first configs, as in Ray Tune. */
  public GridSearcher(SearchSpace space, int numSamples, List<Map<String, Object>> pointsToEvaluate) {
    if (numSamples < 1) throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
    space.domains().forEach((path, domain) -> {
      if (!domain.isGrid() && !domain.isConstant()) {
        throw new IllegalArgumentException("grid search allows only grid domains and constants; " + path + " is " + domain.kind());
      }
    });
    // no domain draws from the stream, so the seed is irrelevant
    this.generator = new VariantGenerator(space, numSamples, 0);
    this.pointsToEvaluate = List.copyOf(pointsToEvaluate);
  }

  /** The searcher for a spec with {@code search.type} grid; takes type, seed and pointsToEvaluate. */
  public static GridSearcher create(ExperimentSpec spec) {
    SearcherRegistry.rejectUnknownParams(spec.search().params(), List.of(PointsToEvaluate.PARAM));
    for (Map.Entry<String, Domain> e : spec.space().domains().entrySet()) {
      if (!e.getValue().isGrid() && !e.getValue().isConstant()) {
        throw new SpecException(SearchSpace.jsonPath(e.getKey()),
            "search type grid allows only grid domains and constants, got " + e.getValue().kind());
      }
    }
    return new GridSearcher(spec.space(), spec.numSamples(), PointsToEvaluate.parse(spec.search().params(), spec.space()));
  }

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
    state.put("suggested", generator.suggested());
    return state;
  }

  @Override public void restore(JsonNode state) {
    generator.replay(SavedState.count(state, TYPE));
  }
}
