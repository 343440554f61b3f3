package org.tunebench.bench;

import org.tunebench.model.ExperimentSpec.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.tunebench.engine.schedule.AshaScheduler;
import org.tunebench.engine.schedule.Decision;
import org.tunebench.engine.schedule.FifoScheduler;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.model.TrialStatus;

/**
 * ASHA vs FIFO on the curves fixture's learning curve ({@code score = a (1 - exp(-t/b))}, maximised; the
 * shape of src/test/trainables/curves), driven through the real scheduler classes the way the driver calls
 * them with {@code maxConcurrentTrials: 1} (trials one after another; stop before the scheduler; a STOP is
 * followed by onTrialComplete). Configs: a ~ U(0.5, 1.5), b ~ logU(1, 60), the same for both schedulers.
 * FIFO runs {@code trials} configs to maxT; ASHA runs the same configs first and may go on with fresh ones
 * (up to 8x as many trials, as a user would raise numSamples for ASHA); measured: the total iterations ASHA
 * needs until its best score reaches FIFO's final best, against FIFO's total.
 * Arguments: [seeds (20)] [trials (81)] [maxT (81)] [reductionFactor (3)] [gracePeriod (1)].
 */
public final class AshaVsFifoBench {
  record View(String id, int seq) implements TrialView {
    @Override public TrialStatus status() { return TrialStatus.RUNNING; }
    @Override public Map<String, Object> config() { return Map.of(); }
    @Override public Map<String, Object> lastResult() { return null; }
  }

  /** Total iterations and best-so-far after each iteration, for one scheduler over the configs. */
  static double[] run(TrialScheduler s, double[][] configs, int maxT, List<Double> bestTrace) {
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < configs.length; i++) {
      View v = new View(String.format("%05d", i), i);
      s.onTrialAdd(v);
      for (int t = 1; t <= maxT; t++) {
        double score = configs[i][0] * (1 - Math.exp(-t / configs[i][1]));
        best = Math.max(best, score);
        bestTrace.add(best);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("training_iteration", t);
        r.put("score", score);
        if (t == maxT) { // the stopper ends it first
          s.onTrialComplete(v, r);
          break;
        }
        if (s.onTrialResult(v, r) == Decision.STOP) {
          s.onTrialComplete(v, r);
          break;
        }
      }
    }
    return null;
  }

  static int iterationsToReach(List<Double> trace, double target) {
    for (int i = 0; i < trace.size(); i++) if (trace.get(i) >= target) return i + 1;
    return -1;
  }

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 81;
    int maxT = args.length > 2 ? Integer.parseInt(args[2]) : 81;
    double rf = args.length > 3 ? Double.parseDouble(args[3]) : 3;
    double grace = args.length > 4 ? Double.parseDouble(args[4]) : 1;
    System.out.println("| seed | FIFO iterations | FIFO best | ASHA iterations (8x trials) | ASHA best | ASHA iterations to FIFO's best | ratio |");
    System.out.println("|---|---|---|---|---|---|---|");
    List<Double> ratios = new ArrayList<>();
    int reached = 0;
    for (int seed = 0; seed < seeds; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      // ASHA may go on sampling (numSamples raised): the first `trials` configs are FIFO's, the rest new draws
      double[][] configs = new double[trials * 8][];
      for (int i = 0; i < configs.length; i++) configs[i] = new double[] {rng.nextDouble(0.5, 1.5), Math.exp(rng.nextDouble(0, Math.log(60)))};
      List<Double> fifo = new ArrayList<>();
      run(new FifoScheduler(), java.util.Arrays.copyOf(configs, trials), maxT, fifo);
      List<Double> asha = new ArrayList<>();
      run(new AshaScheduler("score", Mode.MAX, "training_iteration", maxT, grace, rf, 1, true, new Random(seed)), configs, maxT, asha);
      double fifoBest = fifo.get(fifo.size() - 1);
      int toReach = iterationsToReach(asha, fifoBest);
      double ratio = toReach < 0 ? Double.NaN : (double) toReach / fifo.size();
      if (toReach > 0) { reached++; ratios.add(ratio); }
      System.out.printf("| %d | %d | %.4f | %d | %.4f | %s | %s |%n", seed, fifo.size(), fifoBest, asha.size(),
          asha.get(asha.size() - 1), toReach < 0 ? "never" : Integer.toString(toReach), toReach < 0 ? "-" : String.format("%.3f", ratio));
    }
    ratios.sort(Double::compare);
    double median = ratios.isEmpty() ? Double.NaN : ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
        : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
    System.out.printf("%nASHA reached FIFO's best in %d of %d seeds; median iterations ratio ASHA/FIFO %.3f%n", reached, seeds, median);
  }
}
