package org.tunebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tunebench.app.BadInputException;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.app.analysis.Lineage;
import org.tunebench.app.analysis.Rungs;
import org.tunebench.charts.RunCharts;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecReader;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;
import org.tunebench.store.StoredExploit;
import org.tunebench.store.StoredResult;

/** Everything a report shows, read from the store in one go. */
public record ReportData(StoredExperiment experiment, Mode mode, List<TrialSnapshot> trials, AnalysisTable table,
    List<RunCharts.Curve> curves, List<Double> rungs, List<StoredExploit> exploits, Lineage lineage) {

  public static ReportData load(ExperimentStore store, String name) {
    StoredExperiment e = store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name + "' in "
        + store.file() + "; see: tunebench list"));
    Mode mode = "max".equalsIgnoreCase(e.mode()) ? Mode.MAX : Mode.MIN;
    List<TrialSnapshot> trials = new ArrayList<>(store.trials(e.id()));
    trials.sort(Comparator.comparingInt(TrialSnapshot::seq));
    SearchSpace space = null;
    try {
      JsonNode spec = SpecReader.parseJson(e.spec());
      if (spec.has("space")) space = SearchSpace.parse(spec.get("space"));
    } catch (RuntimeException ignored) {
      // a spec that no longer parses still has its trials; axes are then inferred from the configs
    }
    AnalysisTable table = AnalysisTable.of(space, e.metric(), mode,
        trials.stream().map(t -> new AnalysisTable.Trial(t.id(), t.config(), t.best())).toList());
    List<RunCharts.Curve> curves = new ArrayList<>();
    java.util.Map<String, List<StoredResult>> results = new java.util.HashMap<>();
    for (TrialSnapshot t : trials) {
      List<StoredResult> rs = store.results(e.id(), t.id());
      results.put(t.id(), rs);
      double[] steps = new double[rs.size()];
      double[] values = new double[rs.size()];
      for (int i = 0; i < rs.size(); i++) {
        steps[i] = rs.get(i).iteration();
        values[i] = rs.get(i).metrics().get(e.metric()) instanceof Number n ? n.doubleValue() : Double.NaN;
      }
      curves.add(new RunCharts.Curve(t.id(), steps, values));
    }
    List<StoredExploit> exploits = store.exploits(e.id());
    return new ReportData(e, mode, List.copyOf(trials), table, List.copyOf(curves), Rungs.milestones(e.schedulerState()),
        exploits, Lineage.of(trials, results, exploits));
  }

  /** The experiment's objectives: one, or several from its spec's {@code metric}/{@code mode} lists. */
  public List<org.tunebench.model.ExperimentSpec.Objective> objectives() {
    return org.tunebench.app.analysis.ParetoTable.objectivesOf(experiment.spec(), experiment.metric(), experiment.mode());
  }

  /** With several objectives, the trials at their last results with the front marked (as {@code show}); else null. */
  public org.tunebench.app.analysis.ParetoTable pareto() {
    var o = objectives();
    if (o.size() < 2) return null;
    return org.tunebench.app.analysis.ParetoTable.of(o, trials.stream()
        .map(t -> new org.tunebench.app.analysis.ParetoTable.Trial(t.id(), t.config(), t.lastResult())).toList());
  }

  /** The trial with the best metric, or null when none reported one. */
  public TrialSnapshot best() {
    TrialSnapshot b = null;
    for (TrialSnapshot t : trials) {
      if (t.best() == null || !Double.isFinite(t.best())) continue;
      if (b == null || mode.better(t.best(), b.best())) b = t;
    }
    return b;
  }
}
