package org.tunebench.engine.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tunebench.model.ExperimentSpec.Mode;

/**
 * Pareto dominance over several objectives, each minimised or maximised: which trials are Pareto-optimal
 * (what {@code show} marks and the workbench draws as the front), and the hypervolume of a two-objective
 * front (the quality measure of the multi-objective benchmarks).
 */
public final class Pareto {
  private Pareto() {}

  /**
   * The indices of the rows of {@code values} that no other row dominates, in input order. A row with a
   * NaN (a trial that never reported one of the metrics) is never on the front and dominates nothing.
   * O(n^2 m): fine for the trial counts of an experiment.
   */
  public static List<Integer> front(double[][] values, List<Mode> modes) {
    int n = values.length;
    double[][] min = toMinimisation(values, modes);
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (hasNaN(min[i])) continue;
      boolean dominated = false;
      for (int j = 0; j < n && !dominated; j++) {
        if (j != i && !hasNaN(min[j]) && dominates(min[j], min[i])) dominated = true;
      }
      if (!dominated) front.add(i);
    }
    return front;
  }

  /** True when {@code a} is no worse than {@code b} everywhere and better somewhere (both minimised). */
  static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] > b[k]) return false;
      if (a[k] < b[k]) better = true;
    }
    return better;
  }

  /**
   * The area dominated by the two-objective points {@code values} and bounded by {@code reference} (both
   * in the objectives' own directions); points not strictly better than the reference add nothing.
   */
  public static double hypervolume2d(double[][] values, List<Mode> modes, double[] reference) {
    if (modes.size() != 2) throw new IllegalArgumentException("hypervolume2d needs two objectives, got " + modes.size());
    double[][] min = toMinimisation(values, modes);
    double[] ref = toMinimisation(new double[][] {reference}, modes)[0];
    List<double[]> pts = new ArrayList<>();
    for (double[] p : min) if (!hasNaN(p) && p[0] < ref[0] && p[1] < ref[1]) pts.add(p);
    pts.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    double area = 0;
    double bestY = ref[1];
    for (double[] p : pts) {
      if (p[1] >= bestY) continue; // dominated by an earlier point
      area += (ref[0] - p[0]) * (bestY - p[1]);
      bestY = p[1];
    }
    return area;
  }

  private static double[][] toMinimisation(double[][] values, List<Mode> modes) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != modes.size()) {
        throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values for " + modes.size() + " objectives");
      }
      out[i] = Arrays.copyOf(values[i], values[i].length);
      for (int k = 0; k < out[i].length; k++) if (modes.get(k) == Mode.MAX) out[i][k] = -out[i][k];
    }
    return out;
  }

  private static boolean hasNaN(double[] row) {
    for (double v : row) if (Double.isNaN(v)) return true;
    return false;
  }
}
