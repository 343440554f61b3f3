package org.tunebench.engine.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-objective building blocks on loss vectors (every objective minimised), as Optuna 3.1 uses them in
 * MOTPE and NSGA-II: non-dominated sorting (Deb et al. 2002), crowding distance, exact hypervolume of a
 * small point set, and greedy hypervolume subset selection (HSSP).
 */
final class MultiObjective {
  // Optuna's EPS for reference points and contributions
  static final double EPS = 1e-12;

  private MultiObjective() {}

  /** The front index of each point: 0 for the non-dominated ones, 1 for those dominated only by rank 0, ... */
  static int[] ranks(double[][] losses) {
    int n = losses.length;
    int[] rank = new int[n];
    int[] dominatedBy = new int[n];
    List<List<Integer>> dominates = new ArrayList<>();
    for (int i = 0; i < n; i++) dominates.add(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Pareto.dominates(losses[i], losses[j])) {
          dominates.get(i).add(j);
          dominatedBy[j]++;
        } else if (Pareto.dominates(losses[j], losses[i])) {
          dominates.get(j).add(i);
          dominatedBy[i]++;
        }
      }
    }
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < n; i++) if (dominatedBy[i] == 0) front.add(i);
    int r = 0;
    while (!front.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int i : front) {
        rank[i] = r;
        for (int j : dominates.get(i)) if (--dominatedBy[j] == 0) next.add(j);
      }
      front = next;
      r++;
    }
    return rank;
  }

  /** Crowding distance of each point within its front (Deb et al.): boundary points get +infinity. */
  static double[] crowding(double[][] front) {
    int n = front.length;
    double[] d = new double[n];
    if (n == 0) return d;
    int m = front[0].length;
    for (int k = 0; k < m; k++) {
      final int obj = k;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) order[i] = i;
      Arrays.sort(order, Comparator.comparingDouble(i -> front[i][obj]));
      double span = front[order[n - 1]][k] - front[order[0]][k];
      d[order[0]] = Double.POSITIVE_INFINITY;
      d[order[n - 1]] = Double.POSITIVE_INFINITY;
      if (span == 0 || !Double.isFinite(span)) continue;
      for (int i = 1; i < n - 1; i++) d[order[i]] += (front[order[i + 1]][k] - front[order[i - 1]][k]) / span;
    }
    return d;
  }

  /** Optuna's reference point for a set: 1.1 x the worst point (0.9 x where negative), EPS where it is 0. */
  static double[] reference(double[][] points) {
    int m = points[0].length;
    double[] ref = new double[m];
    for (int k = 0; k < m; k++) {
      double worst = Double.NEGATIVE_INFINITY;
      for (double[] p : points) worst = Math.max(worst, p[k]);
      ref[k] = Math.max(1.1 * worst, 0.9 * worst);
      if (ref[k] == 0) ref[k] = EPS;
    }
    return ref;
  }

  /** The volume dominated by {@code points} and bounded by {@code ref} (all minimised); exact, by slicing. */
  static double hypervolume(List<double[]> points, double[] ref) {
    List<double[]> in = new ArrayList<>();
    for (double[] p : points) {
      boolean inside = true;
      for (int k = 0; k < ref.length; k++) inside &= p[k] < ref[k];
      if (inside) in.add(p);
    }
    return volume(in, ref, ref.length);
  }

  private static double volume(List<double[]> pts, double[] ref, int dims) {
    if (pts.isEmpty()) return 0;
    if (dims == 1) {
      double best = ref[0];
      for (double[] p : pts) best = Math.min(best, p[0]);
      return ref[0] - best;
    }
    if (dims == 2) {
      List<double[]> s = new ArrayList<>(pts);
      s.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
      double area = 0;
      double bestY = ref[1];
      for (double[] p : s) {
        if (p[1] >= bestY) continue;
        area += (ref[0] - p[0]) * (bestY - p[1]);
        bestY = p[1];
      }
      return area;
    }
    // slice along the last objective: between consecutive values, the points at or below form a (dims-1) set
    int last = dims - 1;
    List<double[]> s = new ArrayList<>(pts);
    s.sort(Comparator.comparingDouble(p -> p[last]));
    double vol = 0;
    List<double[]> below = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      below.add(s.get(i));
      double top = i + 1 < s.size() ? s.get(i + 1)[last] : ref[last];
      double h = top - s.get(i)[last];
      if (h > 0) vol += h * volume(below, ref, last);
    }
    return vol;
  }

  /** Each point's exclusive share of the set's hypervolume. */
  static double[] contributions(double[][] points, double[] ref) {
    List<double[]> all = Arrays.asList(points);
    double total = hypervolume(all, ref);
    double[] c = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      List<double[]> rest = new ArrayList<>(all);
      rest.remove(i);
      c[i] = total - hypervolume(rest, ref);
    }
    return c;
  }

  /**
   * {@code k} of the points chosen greedily, each adding the most hypervolume to those chosen before
   * (Optuna's {@code _solve_hssp}); returns their indices in choice order.
   */
  static List<Integer> selectByHypervolume(double[][] points, int k, double[] ref) {
    List<Integer> chosen = new ArrayList<>();
    List<double[]> chosenPts = new ArrayList<>();
    boolean[] used = new boolean[points.length];
    double base = 0;
    while (chosen.size() < Math.min(k, points.length)) {
      int best = -1;
      double bestGain = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < points.length; i++) {
        if (used[i]) continue;
        chosenPts.add(points[i]);
        double gain = hypervolume(chosenPts, ref) - base;
        chosenPts.remove(chosenPts.size() - 1);
        if (gain > bestGain) {
          bestGain = gain;
          best = i;
        }
      }
      used[best] = true;
      chosen.add(best);
      chosenPts.add(points[best]);
      base = hypervolume(chosenPts, ref);
    }
    return chosen;
  }
}
