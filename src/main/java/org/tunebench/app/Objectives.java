package org.tunebench.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.search.Pareto;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentSpec.Objective;

/**
 * The objectives of an experiment as the CLI and the exports print them, and its Pareto front over each trial's last result
 * (as the workbench and {@code show --format json} compute it).
 */
public final class Objectives {
  private Objectives() {}

  /** "metric loss (min)" or "objectives val_loss (min), epoch (min)". */
  public static String describe(List<Objective> objectives) {
    String list = objectives.stream().map(o -> o.metric() + " (" + o.mode().json() + ")").collect(Collectors.joining(", "));
    return (objectives.size() > 1 ? "objectives " : "metric ") + list;
  }

  /** The objectives of a stored spec; one built from metric and mode when the spec cannot be read. */
  public static List<Objective> of(String specJson, String metric, String mode) {
    try {
      com.fasterxml.jackson.databind.JsonNode spec = org.tunebench.model.SpecReader.parseJson(specJson);
      com.fasterxml.jackson.databind.JsonNode ms = spec.path("metric");
      com.fasterxml.jackson.databind.JsonNode ds = spec.path("mode");
      if (ms.isArray() && ds.isArray() && ms.size() == ds.size() && ms.size() > 1) {
        List<Objective> out = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) out.add(new Objective(ms.get(i).asText(), mode(ds.get(i).asText())));
        return out;
      }
    } catch (RuntimeException unreadable) {
      // an old or hand-edited spec: fall back to the stored metric and mode
    }
    return List.of(new Objective(metric, mode(mode)));
  }

  private static ExperimentSpec.Mode mode(String s) {
    return ExperimentSpec.Mode.valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  /** Indexes of the Pareto-optimal trials; null for a single objective. */
  public static Set<Integer> front(List<Objective> objectives, List<TrialSnapshot> trials) {
    if (objectives.size() < 2) return null;
    double[][] values = new double[trials.size()][objectives.size()];
    for (int i = 0; i < trials.size(); i++) {
      Map<String, Object> last = trials.get(i).lastResult();
      for (int k = 0; k < objectives.size(); k++) {
        Object v = last == null ? null : last.get(objectives.get(k).metric());
        values[i][k] = v instanceof Number n ? n.doubleValue() : Double.NaN;
      }
    }
    return new HashSet<>(Pareto.front(values, objectives.stream().map(Objective::mode).toList()));
  }
}
