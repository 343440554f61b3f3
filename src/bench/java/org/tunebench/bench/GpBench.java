package org.tunebench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tunebench.engine.search.GpSearcher;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

/**
 * The GP searcher's cost and its habit of proposing points on the box's edge. Part 1: time of one
 * suggestion with 200 finished trials over 10 parameters (median of 5, after 3 warm-up suggestions).
 * Part 2: on Rastrigin-5D ([-5.12, 5.12]^5, 60 trials), the share of model-proposed coordinates within
 * 0.1% of a bound and the median best. Not a unit test: see docs/BENCHMARKS.md for the command.
 * Arguments: [seeds (5)].
 */
public final class GpBench {
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    suggestTime();
    edgeShare(seeds);
  }

  static void suggestTime() {
    SearchSpace space = SearcherQualityBench.box(0, 1, 10);
    GpSearcher gp = new GpSearcher(space, 300, "loss", Mode.MIN, 200, GpSearcher.DEFAULT_CANDIDATES, List.of(), 1L);
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      gp.suggest("w" + i);
      gp.onTrialComplete("w" + i, Map.of("loss", rng.nextDouble()), false);
    }
    // CPU time of this thread: the machine is shared, so wall time says more about the neighbours
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      gp.suggest("s" + i).orElseThrow();
      if (i >= 3) times.add((mx.getCurrentThreadCpuTime() - t0) / 1e6);
      gp.onTrialComplete("s" + i, Map.of("loss", rng.nextDouble()), false);
    }
    double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("GP suggest CPU time, 200 finished trials x 10 params: median %.0f ms (min %.0f, max %.0f)%n",
        t[t.length / 2], t[0], t[t.length - 1]);
  }

  static void edgeShare(int seeds) {
    int trials = 60;
    int startup = GpSearcher.DEFAULT_STARTUP;
    SearchSpace space = SearcherQualityBench.box(-5.12, 5.12, 5);
    double[] best = new double[seeds];
    long edge = 0;
    long coords = 0;
    long edgeProposals = 0;
    for (int seed = 0; seed < seeds; seed++) {
      GpSearcher gp = new GpSearcher(space, trials, "loss", Mode.MIN, startup, GpSearcher.DEFAULT_CANDIDATES, List.of(), (long) seed);
      best[seed] = Double.POSITIVE_INFINITY;
      for (int i = 0; i < trials; i++) {
        Map<String, Object> c = gp.suggest("t" + i).orElseThrow();
        double[] x = new double[5];
        boolean onEdge = false;
        for (int d = 0; d < 5; d++) {
          x[d] = ((Number) c.get("x" + d)).doubleValue();
          if (i >= startup) {
            coords++;
            if (Math.abs(Math.abs(x[d]) - 5.12) < 0.01024) {
              edge++;
              onEdge = true;
            }
          }
        }
        if (onEdge) edgeProposals++;
        double v = rastrigin(x);
        best[seed] = Math.min(best[seed], v);
        gp.onTrialComplete("t" + i, Map.of("loss", v), false);
      }
    }
    Arrays.sort(best);
    System.out.printf("Rastrigin-5D, %d seeds x %d trials: %.1f%% of proposed coordinates within 0.1%% of a bound, "
        + "%.1f%% of proposals with one there; best median %.2f [%.2f, %.2f]%n", seeds, trials, 100.0 * edge / coords,
        100.0 * edgeProposals / (coords / 5),
        SearcherQualityBench.quantile(best, 0.5), SearcherQualityBench.quantile(best, 0.25), SearcherQualityBench.quantile(best, 0.75));
  }

  static double rastrigin(double[] x) {
    double s = 10 * x.length;
    for (double v : x) s += v * v - 10 * Math.cos(2 * Math.PI * v);
    return s;
  }
}
