package org.tunebench.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.search.Searcher;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecReader;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;

/**
 * {@code search.warmStart}: feeds finished trials of earlier experiments with the same space and metric to
 * a model-based searcher (Ray's {@code add_evaluated_point}), so TPE and GP do not start from nothing.
 * {@code true} takes every such experiment in the database; a name or a list of names takes those.
 */
final class WarmStart {
  static final String PARAM = "warmStart";
  private static final String PATH = "$.search." + PARAM;

  private WarmStart() {}

  /** Returns how many points were fed. */
  static int feed(ExperimentSpec spec, Searcher searcher, ExperimentStore store) {
    JsonNode ws = spec.search().params() == null ? null : spec.search().params().get(PARAM);
    if (ws == null || ws.isNull() || (ws.isBoolean() && !ws.booleanValue())) return 0;
    List<StoredExperiment> sources = new ArrayList<>();
    if (ws.isBoolean()) {
      for (StoredExperiment e : store.list()) {
        if (!e.name().equals(spec.name()) && sameProblem(spec, e)) sources.add(e);
      }
    } else if (ws.isTextual() || ws.isArray()) {
      List<String> names = new ArrayList<>();
      if (ws.isTextual()) names.add(ws.textValue());
      else for (JsonNode n : ws) {
        if (!n.isTextual()) throw new BadInputException(PATH + ": list items must be experiment names");
        names.add(n.textValue());
      }
      for (String n : names) {
        StoredExperiment e = store.find(n).orElseThrow(() -> new BadInputException(PATH + ": no experiment '" + n
            + "' in " + store.file()));
        if (!sameProblem(spec, e)) {
          throw new BadInputException(PATH + ": experiment '" + n + "' has another search space, metric or mode");
        }
        sources.add(e);
      }
    } else {
      throw new BadInputException(PATH + ": must be true, an experiment name or a list of names, got " + ws);
    }
    int fed = 0;
    for (StoredExperiment e : sources) {
      for (TrialSnapshot t : store.trials(e.id())) {
        Object v = t.lastResult() == null ? null : t.lastResult().get(spec.metric());
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || t.status().name().equals("ERRORED")) continue;
        try {
          searcher.addEvaluated(t.config(), n.doubleValue());
          fed++;
        } catch (IllegalArgumentException outsideSpace) {
          // a config from outside this space (e.g. added by hand) teaches nothing here
        }
      }
    }
    return fed;
  }

  private static boolean sameProblem(ExperimentSpec spec, StoredExperiment e) {
    if (!e.metric().equals(spec.metric()) || !e.mode().equals(spec.mode().json())) return false;
    try {
      JsonNode space = SpecReader.parseJson(e.spec()).get("space");
      return space != null && SearchSpace.parse(space).equals(spec.space());
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
