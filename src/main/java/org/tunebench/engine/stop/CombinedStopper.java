package org.tunebench.engine.stop;

import java.util.List;
import java.util.Map;

/**
 * Ray Tune's {@code CombinedStopper}: stops when any part says so. Deviation: every part sees every result
 * and every check (Ray's {@code any(...)} short-circuits, so a later stateful stopper such as a plateau
 * stopper would miss results). An empty combination never stops.
 */
public final class CombinedStopper implements Stopper {
  private final List<Stopper> stoppers;

  public CombinedStopper(List<Stopper> stoppers) {
    this.stoppers = List.copyOf(stoppers);
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    boolean stop = false;
    for (Stopper s : stoppers) stop |= s.stopTrial(trialId, result);
    return stop;
  }

  @Override
  public boolean stopAll() {
    boolean stop = false;
    for (Stopper s : stoppers) stop |= s.stopAll();
    return stop;
  }

  public List<Stopper> stoppers() {
    return stoppers;
  }
}
