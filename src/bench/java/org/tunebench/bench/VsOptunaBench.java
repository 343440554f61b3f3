package org.tunebench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.tunebench.engine.search.GpSearcher;
import org.tunebench.engine.search.NsgaIISearcher;
import org.tunebench.engine.search.Pareto;
import org.tunebench.engine.search.RandomSearcher;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.TpeSearcher;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.ExperimentSpec.Objective;

/**
 * Tunebench's searchers against Optuna 3.1 on {@link VsOptunaProblems}: best value (single objective, lower is
 * better) or hypervolume (two objectives, reference (11, 11), higher is better) after 50 and 100 trials per
 * seed, with 1 or 4 trials in flight (the oldest running trial finishes first, then a new one is asked for).
 * {@code run OUT.csv SEEDS SEARCHERS [PROBLEMS]} writes one row per (problem, searcher, seed);
 * {@code compare A.csv B.csv ...} reads such rows (Optuna's from {@code src/bench/python/optuna_compare.py})
 * and prints markdown tables with two-sided Mann-Whitney U p-values against Optuna's default TPE (single
 * objective) or each Optuna sampler (two objectives). See docs/BENCHMARKS.md for the commands.
 */
public final class VsOptunaBench {
  static final int TRIALS = 100;
  static final int[] BUDGETS = {50, 100};

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("run")) {
      List<String> problems = args.length > 4 ? List.of(args[4].split(",")) : null;
      run(Path.of(args[1]), Integer.parseInt(args[2]), List.of(args[3].split(",")), problems);
    } else if (args.length >= 2 && args[0].equals("compare")) {
      List<Path> files = new ArrayList<>();
      for (int i = 1; i < args.length; i++) files.add(Path.of(args[i]));
      compare(files);
    } else {
      System.err.println("usage: run OUT.csv SEEDS SEARCHERS [PROBLEMS] | compare CSV...");
      System.exit(2);
    }
  }

  /** A searcher by label: random, tpe, tpe-mv (multivariate + group), gp, motpe, nsga2; "-4" runs 4 in flight. */
  static Searcher create(String label, VsOptunaProblems.Problem p, long seed) {
    List<Objective> objectives = p.objectives() == 1 ? List.of(new Objective("y0", Mode.MIN))
        : List.of(new Objective("y0", Mode.MIN), new Objective("y1", Mode.MIN));
    String base = label.replace("-4", "");
    boolean liar = label.endsWith("-4");
    return switch (base) {
      case "random" -> new RandomSearcher(p.space(), TRIALS, seed);
      case "tpe", "motpe" -> new TpeSearcher(p.space(), TRIALS, objectives,
          new TpeSearcher.Options(10, 24, 0.1, 1.0, false, false, false, liar), List.of(), seed);
      case "tpe-mv" -> new TpeSearcher(p.space(), TRIALS, objectives,
          new TpeSearcher.Options(10, 24, 0.1, 1.0, false, true, true, liar), List.of(), seed);
      case "gp" -> new GpSearcher(p.space(), TRIALS, "y0", Mode.MIN, GpSearcher.DEFAULT_STARTUP, GpSearcher.DEFAULT_CANDIDATES,
          List.of(), seed);
      case "nsga2" -> new NsgaIISearcher(p.space(), TRIALS, objectives, NsgaIISearcher.DEFAULTS, List.of(), seed);
      default -> throw new IllegalArgumentException("unknown searcher " + label);
    };
  }

  static void run(Path out, int seeds, List<String> searchers, List<String> only) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      w.println("problem,searcher,seed,at50,at100,seconds");
      List<VsOptunaProblems.Problem> problems = new ArrayList<>(VsOptunaProblems.all());
      if (only != null) problems.addAll(VsOptunaProblems.heldOut()); // held-out functions only when named
      for (VsOptunaProblems.Problem p : problems) {
        if (only != null && !only.contains(p.name())) continue;
        for (String s : searchers) {
          boolean multi = s.startsWith("motpe") || s.startsWith("nsga2");
          if (multi != (p.objectives() == 2) && !s.startsWith("random")) continue;
          // -Dbench.firstSeed=N continues an earlier run with seeds N, N+1, ...
          int first = Integer.getInteger("bench.firstSeed", 0);
          for (int seed = first; seed < first + seeds; seed++) {
            long t0 = System.nanoTime();
            double[] at = trace(create(s, p, seed), p, s.endsWith("-4") ? 4 : 1);
            w.printf("%s,%s,%d,%.17g,%.17g,%.3f%n", p.name(), s, seed, at[0], at[1], (System.nanoTime() - t0) / 1e9);
            w.flush();
          }
          System.err.println("done " + p.name() + " " + s);
        }
      }
    }
  }

  /** The score after each budget of completed trials, {@code inflight} trials running at a time. */
  static double[] trace(Searcher searcher, VsOptunaProblems.Problem p, int inflight) {
    Deque<String> running = new ArrayDeque<>();
    Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
    List<double[]> done = new ArrayList<>();
    double[] at = new double[BUDGETS.length];
    int asked = 0;
    while (done.size() < TRIALS) {
      while (running.size() < inflight && asked < TRIALS) {
        String id = "t" + asked++;
        configs.put(id, searcher.suggest(id).orElseThrow());
        running.add(id);
      }
      String id = running.poll();
      double[] y = p.f().apply(configs.get(id));
      done.add(y);
      Map<String, Object> result = new LinkedHashMap<>();
      for (int k = 0; k < y.length; k++) result.put("y" + k, y[k]);
      searcher.onTrialComplete(id, result, false);
      for (int b = 0; b < BUDGETS.length; b++) if (done.size() == BUDGETS[b]) at[b] = score(done, p.objectives());
    }
    return at;
  }

  static double score(List<double[]> done, int objectives) {
    if (objectives == 1) return done.stream().mapToDouble(y -> y[0]).min().orElseThrow();
    return Pareto.hypervolume2d(done.toArray(double[][]::new), List.of(Mode.MIN, Mode.MIN), VsOptunaProblems.ZDT_REFERENCE);
  }

  record Row(String problem, String searcher, int seed, double at50, double at100) {}

  static void compare(List<Path> files) throws IOException {
    Map<String, Map<String, List<Row>>> byProblem = new LinkedHashMap<>();
    for (Path f : files) {
      for (String line : Files.readAllLines(f)) {
        if (line.startsWith("problem,") || line.isBlank()) continue;
        String[] c = line.split(",");
        Row r = new Row(c[0], c[1], Integer.parseInt(c[2]), Double.parseDouble(c[3]), Double.parseDouble(c[4]));
        byProblem.computeIfAbsent(r.problem(), k -> new LinkedHashMap<>()).computeIfAbsent(r.searcher(), k -> new ArrayList<>()).add(r);
      }
    }
    System.out.println("| problem | searcher | seeds | @50 median [IQR] | p vs baseline @50 | @100 median [IQR] | p vs baseline @100 |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Map<String, List<Row>>> e : byProblem.entrySet()) {
      Map<String, List<Row>> rows = e.getValue();
      boolean multi = rows.keySet().stream().anyMatch(s -> s.contains("nsga2") || s.contains("motpe"));
      for (Map.Entry<String, List<Row>> s : rows.entrySet()) {
        String baseline = baseline(s.getKey(), multi);
        List<Row> base = rows.get(baseline);
        StringBuilder line = new StringBuilder("| " + e.getKey() + " | " + s.getKey() + " | " + s.getValue().size() + " |");
        for (int b = 0; b < 2; b++) {
          double[] ours = values(s.getValue(), b);
          line.append(' ').append(SearcherQualityBench.summary(ours)).append(" | ");
          if (base == null || baseline.equals(s.getKey())) {
            line.append("- |");
          } else {
            double[] theirs = values(base, b);
            double p = new MannWhitneyUTest().mannWhitneyUTest(ours, theirs);
            boolean better = multi ? median(ours) > median(theirs) : median(ours) < median(theirs);
            line.append(String.format("%s %.2g vs %s |", better ? "better," : "worse,", p, baseline));
          }
        }
        System.out.println(line);
      }
    }
    inflight(byProblem);
  }

  /**
   * What 4 trials in flight cost each TPE, as the change of the median from 1 to 4 in flight (positive: worse),
   * ours with constant liar against Optuna's default TPE and Optuna's with {@code constant_liar=True}.
   */
  static void inflight(Map<String, Map<String, List<Row>>> byProblem) {
    System.out.println();
    System.out.println("| problem | budget | tpe: 1 -> 4 in flight | optuna-tpe: 1 -> 4 | optuna-tpe (constant_liar): 1 -> 4 |");
    System.out.println("|---|---|---|---|---|");
    for (Map.Entry<String, Map<String, List<Row>>> e : byProblem.entrySet()) {
      Map<String, List<Row>> rows = e.getValue();
      if (!rows.containsKey("tpe-4")) continue;
      for (int b = 0; b < 2; b++) {
        StringBuilder line = new StringBuilder("| " + e.getKey() + " | " + BUDGETS[b] + " |");
        for (String[] pair : new String[][] {{"tpe", "tpe-4"}, {"optuna-tpe", "optuna-tpe-4"}, {"optuna-tpe", "optuna-tpe-cl-4"}}) {
          List<Row> one = rows.get(pair[0]);
          List<Row> four = rows.get(pair[1]);
          if (one == null || four == null) {
            line.append(" not run |");
            continue;
          }
          double m1 = median(values(one, b));
          double m4 = median(values(four, b));
          line.append(String.format(" %.4g -> %.4g (%+.3g) |", m1, m4, m4 - m1));
        }
        System.out.println(line);
      }
    }
  }

  /** Single objective: Optuna's default TPE with as many trials in flight; two: Optuna's sampler of the same kind. */
  static String baseline(String searcher, boolean multi) {
    boolean four = searcher.endsWith("-4");
    if (!multi) return four ? "optuna-tpe-4" : "optuna-tpe";
    if (searcher.contains("nsga2")) return "optuna-nsga2";
    return "optuna-motpe";
  }

  static double[] values(List<Row> rows, int budget) {
    return rows.stream().mapToDouble(r -> budget == 0 ? r.at50() : r.at100()).toArray();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return SearcherQualityBench.quantile(s, 0.5);
  }
}
