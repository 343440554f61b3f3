package org.tunebench.engine.search;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tunebench.model.SearchSpace;

/**
 * Ray Tune's {@code BasicVariantGenerator} enumeration: the grid points in order, the whole grid repeated
 * {@code numSamples} times, other domains drawn from one seeded stream. Its whole state is the seed and the
 * number of configs given, so a restart replays that many draws and continues exactly where it stopped.
 */
final class VariantGenerator {
  private final SearchSpace space;
  private final List<Map<String, Object>> gridPoints;
  private final long total;
  private final long seed;
  private SplittableRandom rng;
  private long suggested;

  VariantGenerator(SearchSpace space, int numSamples, long seed) {
    this.space = space;
    this.gridPoints = space.gridPoints();
    this.total = Math.multiplyExact((long) numSamples, gridPoints.size());
    this.seed = seed;
    this.rng = new SplittableRandom(seed);
  }

  long seed() {
    return seed;
  }

  long total() {
    return total;
  }

  long suggested() {
    return suggested;
  }

  boolean isFinished() {
    return suggested >= total;
  }

  /**
   * The next config with the matching point to evaluate (dotted) laid over it. The draw happens either way,
   * so the stream, and restore by replay, do not depend on the points.
   */
  Map<String, Object> next(List<Map<String, Object>> pointsToEvaluate) {
    int index = (int) suggested;
    Map<String, Object> config = next();
    if (index >= pointsToEvaluate.size()) return config;
    return DottedConfig.nest(space, DottedConfig.prune(space, PointsToEvaluate.overlay(DottedConfig.flatten(space, config),
        pointsToEvaluate.get(index))));
  }

  Map<String, Object> next() {
    if (isFinished()) throw new IllegalStateException("all " + total + " configs were given");
    Map<String, Object> config = space.resolve(gridPoints.get((int) (suggested % gridPoints.size())), rng);
    suggested++;
    return config;
  }

  /** Starts over and skips {@code count} configs, drawing them so the stream is where it was. */
  void replay(long count) {
    if (count < 0 || count > total) {
      throw new IllegalArgumentException("saved count " + count + " is outside 0.." + total + " for this space");
    }
    rng = new SplittableRandom(seed);
    suggested = 0;
    while (suggested < count) next();
  }
}
