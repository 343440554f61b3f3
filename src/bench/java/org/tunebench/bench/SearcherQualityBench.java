package org.tunebench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.tunebench.engine.search.GpSearcher;
import org.tunebench.engine.search.RandomSearcher;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.TpeSearcher;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

/**
 * Search quality of random, TPE and GP on the standard test functions (Branin, Hartmann6, Rosenbrock-5D,
 * Ackley-10D; minimised), 100 sequential trials per seed, printed as a markdown table of the median best
 * (and interquartile range) after 25, 50 and 100 trials; then TPE's suggest time with 1,000 finished trials
 * over 10 parameters. Not a unit test: see docs/BENCHMARKS.md for the command.
 * Arguments: [seeds (20)] [gpSeeds (= seeds)] [searchers, comma-separated (random,tpe,gp)].
 */
public final class SearcherQualityBench {
  private static final int TRIALS = 100;
  private static final int[] CHECKPOINTS = {25, 50, 100};

  record Problem(String name, SearchSpace space, ToDoubleFunction<double[]> f, int dims) {}

  public static void main(String[] args) throws Exception {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int gpSeeds = args.length > 1 ? Integer.parseInt(args[1]) : seeds;
    List<String> searchers = List.of((args.length > 2 ? args[2] : "random,tpe,gp").split(","));
    System.out.println("| function | searcher | seeds | best@25 median [IQR] | best@50 median [IQR] | best@100 median [IQR] | s/run |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Problem p : problems()) {
      for (String s : searchers) {
        int n = s.equals("gp") ? gpSeeds : seeds;
        double[][] best = new double[CHECKPOINTS.length][n];
        long t0 = System.nanoTime();
        for (int seed = 0; seed < n; seed++) {
          double[] trace = run(create(s, p.space(), seed), p);
          for (int c = 0; c < CHECKPOINTS.length; c++) best[c][seed] = trace[CHECKPOINTS[c] - 1];
        }
        double secs = (System.nanoTime() - t0) / 1e9 / n;
        StringBuilder row = new StringBuilder("| " + p.name() + " | " + s + " | " + n + " |");
        for (double[] b : best) row.append(" ").append(summary(b)).append(" |");
        System.out.println(row.append(String.format(" %.1f |", secs)));
      }
    }
    suggestTime();
  }

  static Searcher create(String type, SearchSpace space, long seed) {
    return switch (type) {
      case "random" -> new RandomSearcher(space, TRIALS, seed);
      case "tpe" -> new TpeSearcher(space, TRIALS, "loss", Mode.MIN, TpeSearcher.DEFAULTS, List.of(), seed);
      case "gp" -> new GpSearcher(space, TRIALS, "loss", Mode.MIN, GpSearcher.DEFAULT_STARTUP, GpSearcher.DEFAULT_CANDIDATES, List.of(), seed);
      default -> throw new IllegalArgumentException("unknown searcher " + type);
    };
  }

  /** best-so-far after each trial. */
  static double[] run(Searcher searcher, Problem p) {
    double[] trace = new double[TRIALS];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < TRIALS; i++) {
      Map<String, Object> c = searcher.suggest("t" + i).orElseThrow();
      double[] x = new double[p.dims()];
      for (int d = 0; d < p.dims(); d++) x[d] = ((Number) c.get("x" + d)).doubleValue();
      double v = p.f().applyAsDouble(x);
      best = Math.min(best, v);
      trace[i] = best;
      searcher.onTrialComplete("t" + i, Map.of("loss", v), false);
    }
    return trace;
  }

  static String summary(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return String.format("%.4g [%.3g, %.3g]", quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75));
  }

  /** numpy's default (linear) quantile, so the Python script's numbers compare directly. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  static SearchSpace box(double lo, double hi, int dims) {
    Map<String, Object> space = new LinkedHashMap<>();
    for (int d = 0; d < dims; d++) space.put("x" + d, Map.of("uniform", List.of(lo, hi)));
    return SearchSpace.parse(new ObjectMapper().valueToTree(space));
  }

  static List<Problem> problems() {
    Map<String, Object> branin = new LinkedHashMap<>();
    branin.put("x0", Map.of("uniform", List.of(-5, 10)));
    branin.put("x1", Map.of("uniform", List.of(0, 15)));
    return List.of(
        new Problem("Branin (min 0.398)", SearchSpace.parse(new ObjectMapper().valueToTree(branin)), Functions::branin, 2),
        new Problem("Hartmann6 (min -3.322)", box(0, 1, 6), Functions::hartmann6, 6),
        new Problem("Rosenbrock-5D (min 0)", box(-5, 10, 5), Functions::rosenbrock, 5),
        new Problem("Ackley-10D (min 0)", box(-32.768, 32.768, 10), Functions::ackley, 10));
  }

  /** TPE's suggest time with 1,000 finished trials over 10 parameters (mean of 20 suggestions). */
  static void suggestTime() {
    SearchSpace space = box(0, 1, 10);
    TpeSearcher tpe = new TpeSearcher(space, 1100, "loss", Mode.MIN,
        new TpeSearcher.Options(1000, 24, 0.1, 1.0, false, false, false, false), List.of(), 1L);
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      tpe.suggest("w" + i);
      tpe.onTrialComplete("w" + i, Map.of("loss", rng.nextDouble()), false);
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long t0 = System.nanoTime();
      tpe.suggest("s" + i);
      if (i >= 10) times.add((System.nanoTime() - t0) / 1e6); // the first 10 warm the JIT up
      tpe.onTrialComplete("s" + i, Map.of("loss", rng.nextDouble()), false);
    }
    System.out.printf("%nTPE suggest time, 1,000 finished trials x 10 params: %.1f ms (mean of 20)%n",
        times.stream().mapToDouble(Double::doubleValue).average().orElse(0));
  }
}
