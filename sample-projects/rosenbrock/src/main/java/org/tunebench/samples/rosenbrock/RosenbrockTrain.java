package org.tunebench.samples.rosenbrock;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.tunebench.api.Config;
import org.tunebench.api.Session;
import org.tunebench.api.TrainFunction;

/**
 * Function-API sample: the Rosenbrock function {@code f(x, y) = (1 - x)^2 + 100 (y - x^2)^2}, minimised by a
 * simulated Adam optimizer that starts at the sampled point {@code (x, y)} and uses the sampled learning rate;
 * one iteration is {@code innerSteps} Adam updates.
 * Every iteration reports a noisy {@code loss} (multiplicative log-normal noise), so the curves look like real
 * training curves: too small an {@code lr} crawls, too large a one oscillates in the valley.
 *
 * <p>Config keys: {@code x}, {@code y} (start point, required), {@code lr} (required, in (0, 10]),
 * {@code noise} (&ge; 0, default 0.1), {@code iterations} (default 50), {@code stepMillis} (simulated cost of
 * one iteration, default 20), {@code innerSteps} (Adam updates per iteration, default 10),
 * {@code checkpointEvery} (default 5), {@code seed} (optional, mixed into the seed
 * that is otherwise derived from the config). The run is deterministic for a given config, also across a
 * checkpoint and restore.
 *
 * <p>Metrics: {@code loss} (noisy), {@code f} (exact value at the current point), {@code x}, {@code y},
 * {@code step}.
 */
public final class RosenbrockTrain implements TrainFunction {

  static final String STATE_FILE = "rosenbrock-state.properties";
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  @Override
  public void train(Config config, Session session) throws Exception {
    Params p = Params.from(config);
    State s = session.checkpoint().map(RosenbrockTrain::readState).orElseGet(() -> State.initial(p));

    while (s.step < p.iterations) {
      if (p.stepMillis > 0) {
        Thread.sleep(p.stepMillis);
      }
      for (int k = 0; k < p.innerSteps; k++) {
        s.advance(p);
      }
      s.step++;
      Map<String, Object> metrics = s.metrics(p);
      if (s.step % p.checkpointEvery == 0 || s.step == p.iterations) {
        // as in Ray Tune: write into a fresh folder, hand it over with report; the driver keeps a copy
        Path dir = Files.createTempDirectory("rosenbrock-ckpt-");
        try {
          writeState(s, dir);
          session.report(metrics, dir);
        } finally {
          deleteTree(dir);
        }
      } else {
        session.report(metrics);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------------

  /** Validated config values. */
  record Params(double x0, double y0, double lr, double noise, int iterations, long stepMillis,
                int checkpointEvery, int innerSteps, long seed) {

    static Params from(Config c) {
      double x = finite(c, "x");
      double y = finite(c, "y");
      double lr = finite(c, "lr");
      if (lr <= 0 || lr > 10) {
        throw new IllegalArgumentException("config key 'lr' = " + lr + " must be in (0, 10]");
      }
      double noise = c.has("noise") ? finite(c, "noise") : 0.1;
      if (noise < 0 || noise > 10) {
        throw new IllegalArgumentException("config key 'noise' = " + noise + " must be in [0, 10]");
      }
      int iterations = c.has("iterations") ? c.getInt("iterations") : 50;
      if (iterations < 1 || iterations > 1_000_000) {
        throw new IllegalArgumentException("config key 'iterations' = " + iterations + " must be in [1, 1000000]");
      }
      long stepMillis = c.has("stepMillis") ? c.getLong("stepMillis") : 20;
      if (stepMillis < 0 || stepMillis > 60_000) {
        throw new IllegalArgumentException("config key 'stepMillis' = " + stepMillis + " must be in [0, 60000]");
      }
      int every = c.has("checkpointEvery") ? c.getInt("checkpointEvery") : 5;
      if (every < 1) {
        throw new IllegalArgumentException("config key 'checkpointEvery' = " + every + " must be >= 1");
      }
      int inner = c.has("innerSteps") ? c.getInt("innerSteps") : 10;
      if (inner < 1 || inner > 100_000) {
        throw new IllegalArgumentException("config key 'innerSteps' = " + inner + " must be in [1, 100000]");
      }
      long seed = mix(Double.doubleToLongBits(x));
      seed = mix(seed ^ Double.doubleToLongBits(y));
      seed = mix(seed ^ Double.doubleToLongBits(lr));
      seed = mix(seed ^ Double.doubleToLongBits(noise));
      if (c.has("seed")) {
        seed = mix(seed ^ c.getLong("seed"));
      }
      return new Params(x, y, lr, noise, iterations, stepMillis, every, inner, seed);
    }

    private static double finite(Config c, String key) {
      double v = c.getDouble(key);
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("config key '" + key + "' = " + v + " must be a finite number");
      }
      return v;
    }
  }

  /** Optimizer state; everything needed to continue exactly. */
  static final class State {
    int step;
    long t;
    double x;
    double y;
    double mx;
    double my;
    double vx;
    double vy;

    static State initial(Params p) {
      State s = new State();
      s.x = p.x0;
      s.y = p.y0;
      return s;
    }

    /** One Adam update. */
    void advance(Params p) {
      t++;
      double gx = -2 * (1 - x) - 400 * x * (y - x * x);
      double gy = 200 * (y - x * x);
      mx = BETA1 * mx + (1 - BETA1) * gx;
      my = BETA1 * my + (1 - BETA1) * gy;
      vx = BETA2 * vx + (1 - BETA2) * gx * gx;
      vy = BETA2 * vy + (1 - BETA2) * gy * gy;
      double c1 = 1 - Math.pow(BETA1, t);
      double c2 = 1 - Math.pow(BETA2, t);
      x -= p.lr * (mx / c1) / (Math.sqrt(vx / c2) + EPS);
      y -= p.lr * (my / c1) / (Math.sqrt(vy / c2) + EPS);
      // keep the simulated parameters in a sane box so a wild lr cannot overflow
      x = Math.max(-5, Math.min(5, x));
      y = Math.max(-5, Math.min(30, y));
    }

    Map<String, Object> metrics(Params p) {
      double f = rosenbrock(x, y);
      // the noise of step k depends only on (seed, k): restored runs see the same noise
      double g = new SplittableRandom(mix(p.seed + 0x9E3779B97F4A7C15L * step)).nextGaussian();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("loss", f * Math.exp(p.noise * g));
      m.put("f", f);
      m.put("x", x);
      m.put("y", y);
      m.put("step", step);
      return m;
    }
  }

  static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }

  /** SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---- checkpoint files: a small properties file; Double.toString round-trips exactly -------------------------

  static void writeState(State s, Path dir) throws IOException {
    Properties props = new Properties();
    props.setProperty("format", "rosenbrock-1");
    props.setProperty("step", Integer.toString(s.step));
    props.setProperty("t", Long.toString(s.t));
    props.setProperty("x", Double.toString(s.x));
    props.setProperty("y", Double.toString(s.y));
    props.setProperty("mx", Double.toString(s.mx));
    props.setProperty("my", Double.toString(s.my));
    props.setProperty("vx", Double.toString(s.vx));
    props.setProperty("vy", Double.toString(s.vy));
    try (Writer w = Files.newBufferedWriter(dir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
      props.store(w, "Tunebench rosenbrock sample checkpoint");
    }
  }

  static State readState(Path dir) {
    Path file = dir.resolve(STATE_FILE);
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
    if (!"rosenbrock-1".equals(props.getProperty("format"))) {
      throw new IllegalStateException("checkpoint " + file + " is not a rosenbrock-1 checkpoint");
    }
    try {
      State s = new State();
      s.step = Integer.parseInt(props.getProperty("step"));
      s.t = Long.parseLong(props.getProperty("t"));
      s.x = Double.parseDouble(props.getProperty("x"));
      s.y = Double.parseDouble(props.getProperty("y"));
      s.mx = Double.parseDouble(props.getProperty("mx"));
      s.my = Double.parseDouble(props.getProperty("my"));
      s.vx = Double.parseDouble(props.getProperty("vx"));
      s.vy = Double.parseDouble(props.getProperty("vy"));
      return s;
    } catch (RuntimeException e) {
      throw new IllegalStateException("checkpoint " + file + " is damaged: " + e, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // best effort: it is a temp folder
    }
  }
}
