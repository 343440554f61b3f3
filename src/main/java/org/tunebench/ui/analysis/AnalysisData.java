package org.tunebench.ui.analysis;

import java.util.List;
import org.tunebench.model.ExperimentSpec.Mode;

/** Per trial: numeric hyperparameters then the best metric (last column). */
public record AnalysisData(List<String> params, String metric, Mode mode, List<double[]> rows, List<String> ids) {
  public double min(int col) {
    return rows.stream().mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).min().orElse(0);
  }

  public double max(int col) {
    return rows.stream().mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).max().orElse(1);
  }

  /** 0 = best, 1 = worst, for colouring. */
  public double quality(double metricValue) {
    int c = params.size();
    double lo = min(c);
    double hi = max(c);
    double t = hi > lo ? (metricValue - lo) / (hi - lo) : 0;
    return mode == Mode.MIN ? t : 1 - t;
  }
}
