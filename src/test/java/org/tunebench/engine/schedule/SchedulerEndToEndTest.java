package org.tunebench.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredResult;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/**
 * ASHA and the median stopping rule end to end: the real driver, real worker JVMs, the deterministic
 * {@code curves.Curve} trainable ({@code score = a (1 - exp(-t/b))}, {@code loss = 1 - score}) and
 * {@code maxConcurrentTrials: 1}, so trial i runs after trials 0..i-1 have ended. The iteration at which each
 * trial stops is computed here, independently of the schedulers, from Ray Tune's rules:
 * <ul>
 *   <li>ASHA ({@code async_hyperband.py}): rungs at gracePeriod * rf^k below maxT; a trial reaching a rung it
 *   is not recorded at is stopped when its value (negated in min mode) is strictly below the
 *   {@code (1 - 1/rf)} linear percentile of the values recorded there, and is recorded either way; a result
 *   at maxT stops it; a stopped or completed trial's last result is offered to the rungs again.</li>
 *   <li>Median ({@code median_stopping_rule.py}): from gracePeriod on, with at least minSamplesRequired
 *   other trials whose last time reached t, stop when the trial's best so far is strictly worse than the
 *   median of their mean values over gracePeriod &lt;= time &lt;= t; the stopper runs first; a completed
 *   trial's last result is appended once more (Ray's {@code on_trial_complete}).</li>
 * </ul>
 * Nobody waits while a trial runs (the searcher adds the next trial only when one can start), so the median
 * rule's "yield to waiting trials" never applies here.
 */
class SchedulerEndToEndTest {
  @TempDir static Path jars;
  static Path curves;
  @TempDir Path tmp;

  /** (a, b) per trial, in run order; includes a duplicate and a flat curve (ties). */
  static final double[][] CASES = {
      {1.0, 5}, {0.9, 2}, {0.5, 1}, {1.2, 12}, {0.95, 3}, {0.9, 2}, {0.7, 0.01}, {1.05, 6}, {0.99, 4},
  };

  @BeforeAll static void buildJars() throws Exception {
    curves = TestJars.build(jars, "curves", "curves.jar", List.of("curves.Curve"));
  }

  static double score(double a, double b, int t) {
    return a * (1 - Math.exp(-t / b));
  }

  private static ObjectNode spec(String name, String metric, String mode) {
    ObjectNode s = EngineHarness.spec(curves, "curves.Curve", name);
    s.put("metric", metric).put("mode", mode).put("maxConcurrentTrials", 1).put("numSamples", 1);
    ArrayNode grid = s.with("space").putObject("case").putArray("grid");
    for (double[] c : CASES) grid.addObject().put("a", c[0]).put("b", c[1]);
    return s;
  }

  private static double value(String metric, double[] c, int t) {
    double s = score(c[0], c[1], t);
    return metric.equals("loss") ? 1 - s : s;
  }

  /** Runs the experiment; returns each trial's last iteration, checking they all TERMINATED. */
  private static List<Integer> run(EngineHarness h, ObjectNode spec) throws Exception {
    h.start(spec, EngineHarness.fast());
    assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(240)));
    List<TrialSnapshot> trials = h.trials();
    assertEquals(CASES.length, trials.size());
    List<Integer> stops = new ArrayList<>();
    String name = spec.path("name").asText();
    for (int i = 0; i < trials.size(); i++) {
      TrialSnapshot t = trials.get(i);
      assertEquals(TrialStatus.TERMINATED, t.status(), t.id() + ": " + t.error());
      @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) t.config().get("case");
      assertEquals(CASES[i][0], ((Number) c.get("a")).doubleValue(), "trials run in grid order");
      List<StoredResult> rs = h.store.results(h.experimentId(name), t.id());
      assertEquals(t.iteration(), rs.size(), "no result after the stop");
      stops.add(t.iteration());
    }
    return stops;
  }

  // ------------------------------------------------------------------ ASHA

  /** Ray's AsyncHyperBandScheduler with one bracket, replayed trial after trial. */
  static List<Integer> expectedAsha(String metric, String mode, int maxT, int grace, int rf) {
    double op = mode.equals("min") ? -1 : 1;
    int maxRungs = (int) (Math.log((double) maxT / grace) / Math.log(rf) + 1);
    List<Integer> milestones = new ArrayList<>(); // descending
    for (int k = maxRungs - 1; k >= 0; k--) milestones.add(grace * (int) Math.round(Math.pow(rf, k)));
    Map<Integer, Map<Integer, Double>> rungs = new LinkedHashMap<>();
    for (int m : milestones) rungs.put(m, new LinkedHashMap<>());
    List<Integer> stops = new ArrayList<>();
    for (int i = 0; i < CASES.length; i++) {
      for (int t = 1; ; t++) {
        double v = op * value(metric, CASES[i], t);
        boolean stop = t >= maxT || !onRungs(rungs, i, t, v, rf);
        if (stop) {
          onRungs(rungs, i, t, v, rf); // on_trial_complete
          stops.add(t);
          break;
        }
      }
    }
    return stops;
  }

  /** One bracket result; false when the trial is to stop. */
  private static boolean onRungs(Map<Integer, Map<Integer, Double>> rungs, int trial, int t, double v, int rf) {
    for (Map.Entry<Integer, Map<Integer, Double>> e : rungs.entrySet()) {
      Map<Integer, Double> recorded = e.getValue();
      if (t < e.getKey() || recorded.containsKey(trial)) continue;
      boolean keep = recorded.isEmpty() || !(v < linearPercentile(recorded.values(), 1 - 1.0 / rf));
      recorded.put(trial, v);
      return keep;
    }
    return true;
  }

  static double linearPercentile(java.util.Collection<Double> values, double q) {
    double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double h = (a.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, a.length - 1);
    return a[lo] + (h - lo) * (a[hi] - a[lo]);
  }

  @Test void ashaStopsEachTrialWhereRaysAlgorithmDoes() throws Exception {
    List<Integer> expected = expectedAsha("score", "max", 27, 1, 3);
    assertSomeStopEarly(expected, 27);
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = spec("asha-max", "score", "max");
      s.putObject("scheduler").put("type", "asha").put("maxT", 27).put("gracePeriod", 1).put("reductionFactor", 3);
      assertEquals(expected, run(h, s));
    }
  }

  @Test void ashaInMinModeWithAStopperBesideIt() throws Exception {
    List<Integer> expected = expectedAsha("loss", "min", 16, 2, 2);
    assertSomeStopEarly(expected, 16);
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = spec("asha-min", "loss", "min");
      s.putObject("scheduler").put("type", "asha").put("maxT", 16).put("gracePeriod", 2).put("reductionFactor", 2);
      s.putObject("stop").put("training_iteration", 30); // never reached first: maxT ends the survivors
      assertEquals(expected, run(h, s));
    }
  }

  // ------------------------------------------------------------------ median stopping

  /** Ray's MedianStoppingRule (hard stop), trial after trial, with a training_iteration stopper at maxIter. */
  static List<Integer> expectedMedian(String metric, String mode, int grace, int minSamples, int maxIter) {
    boolean max = mode.equals("max");
    List<List<double[]>> results = new ArrayList<>();
    List<Integer> stops = new ArrayList<>();
    for (int i = 0; i < CASES.length; i++) {
      List<double[]> mine = new ArrayList<>();
      results.add(mine);
      for (int t = 1; ; t++) {
        double v = value(metric, CASES[i], t);
        if (t >= maxIter) { // the stopper is asked before the scheduler
          mine.add(new double[] {t, v});
          mine.add(new double[] {t, v}); // on_trial_complete appends the last result again
          stops.add(t);
          break;
        }
        mine.add(new double[] {t, v});
        if (t < grace) continue;
        List<Double> means = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          List<double[]> rs = results.get(j);
          if (rs.get(rs.size() - 1)[0] < t) continue;
          List<Double> scoped = new ArrayList<>();
          for (double[] r : rs) if (grace <= r[0] && r[0] <= t) scoped.add(r[1]);
          means.add(numpyMean(scoped));
        }
        if (means.size() < minSamples) continue; // nobody waits: continue anyway
        double median = median(means);
        double best = mine.get(0)[1];
        for (double[] r : mine) best = max ? Math.max(best, r[1]) : Math.min(best, r[1]);
        boolean worse = max ? median > best : median < best;
        if (worse) {
          mine.add(new double[] {t, v});
          stops.add(t);
          break;
        }
      }
    }
    return stops;
  }

  /** np.mean of a short list: numpy's pairwise sum (plain below 8 values, 8 lanes up to 128). */
  static double numpyMean(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    int n = a.length;
    double sum;
    if (n < 8) {
      sum = 0;
      for (double x : a) sum += x;
    } else {
      assertTrue(n <= 128);
      double[] r = Arrays.copyOf(a, 8);
      int i = 8;
      for (; i < n - n % 8; i += 8) for (int j = 0; j < 8; j++) r[j] += a[i + j];
      sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) sum += a[i];
    }
    return sum / n;
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  @Test void medianStoppingStopsEachTrialWhereRaysRuleDoes() throws Exception {
    List<Integer> expected = expectedMedian("score", "max", 3, 2, 20);
    assertSomeStopEarly(expected, 20);
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = spec("median-max", "score", "max");
      s.putObject("scheduler").put("type", "median").put("timeAttr", "training_iteration")
          .put("gracePeriod", 3).put("minSamplesRequired", 2);
      s.putObject("stop").put("training_iteration", 20);
      assertEquals(expected, run(h, s));
    }
  }

  @Test void medianStoppingInMinModeWithOneSample() throws Exception {
    List<Integer> expected = expectedMedian("loss", "min", 5, 1, 15);
    assertSomeStopEarly(expected, 15);
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = spec("median-min", "loss", "min");
      s.putObject("scheduler").put("type", "median").put("timeAttr", "training_iteration")
          .put("gracePeriod", 5).put("minSamplesRequired", 1);
      s.putObject("stop").put("training_iteration", 15);
      assertEquals(expected, run(h, s));
    }
  }

  /** The scenario must exercise the rule: some trials stop early, at more than one iteration, some run on. */
  private static void assertSomeStopEarly(List<Integer> expected, int end) {
    Set<Integer> early = new HashSet<>();
    for (int s : expected) if (s < end) early.add(s);
    assertFalse(early.isEmpty(), "scenario stops nobody early: " + expected);
    assertTrue(expected.contains(end), "scenario lets nobody finish: " + expected);
    System.out.println("expected stops " + expected);
  }
}
