package org.tunebench.samples.pbtmlp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * Class-API sample made for Population Based Training: a one-hidden-layer MLP (tanh, softmax output) trained by
 * mini-batch SGD with momentum on the three-class spiral problem, in plain Java. The learning rate and momentum
 * matter a lot here: too small and the loss crawls, too large and it oscillates or blows up, so PBT's
 * exploit/explore visibly helps.
 *
 * <p>Config keys: {@code lr} (in (0, 10]), {@code momentum} (in [0, 1)), {@code hidden} (1..1024, default 32),
 * {@code stepsPerIter} (mini-batch updates per {@link #step()}, default 50), {@code batchSize} (default 32),
 * {@code seed} (weights and batches, default 0), {@code dataSeed} (default 7).
 *
 * <p>Metrics: {@code loss} (cross-entropy on the training set), {@code accuracy} (on a held-out set),
 * {@code train_accuracy}, {@code lr}, {@code momentum}, {@code updates}. Checkpoints hold weights, velocities,
 * the RNG state and the update count: continuing from one is bit-identical to uninterrupted training.
 * {@link #resetConfig} takes a new {@code lr} and {@code momentum} in place (PBT's explore step).
 */
public final class MlpTrainable implements Trainable {

  static final String CHECKPOINT_FILE = "mlp.ckpt";
  private static final int MAGIC = 0x544D4C31; // "TML1"
  private static final int IN = 2;
  private static final int OUT = Spirals.CLASSES;

  private Params params;
  private Spirals train;
  private Spirals test;
  private SplitMix64 rng;
  private int hidden;
  /** All weights in one array: W1 [hidden][IN], b1 [hidden], W2 [OUT][hidden], b2 [OUT]. */
  private double[] w;
  private double[] v;
  private long updates;

  // offsets into w / v
  private int oB1;
  private int oW2;
  private int oB2;

  /** Validated hyperparameters. */
  record Params(double lr, double momentum, int hidden, int stepsPerIter, int batchSize, long seed, long dataSeed) {
    static Params from(Config c) {
      double lr = c.getDouble("lr");
      if (!(lr > 0 && lr <= 10)) {
        throw new IllegalArgumentException("config key 'lr' = " + lr + " must be in (0, 10]");
      }
      double momentum = c.getDouble("momentum");
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("config key 'momentum' = " + momentum + " must be in [0, 1)");
      }
      int hidden = c.has("hidden") ? c.getInt("hidden") : 32;
      if (hidden < 1 || hidden > 1024) {
        throw new IllegalArgumentException("config key 'hidden' = " + hidden + " must be in [1, 1024]");
      }
      int steps = c.has("stepsPerIter") ? c.getInt("stepsPerIter") : 50;
      if (steps < 1 || steps > 1_000_000) {
        throw new IllegalArgumentException("config key 'stepsPerIter' = " + steps + " must be in [1, 1000000]");
      }
      int batch = c.has("batchSize") ? c.getInt("batchSize") : 32;
      if (batch < 1 || batch > 100_000) {
        throw new IllegalArgumentException("config key 'batchSize' = " + batch + " must be in [1, 100000]");
      }
      long seed = c.has("seed") ? c.getLong("seed") : 0;
      long dataSeed = c.has("dataSeed") ? c.getLong("dataSeed") : 7;
      return new Params(lr, momentum, hidden, steps, batch, seed, dataSeed);
    }
  }

  @Override
  public void setup(Config config) {
    params = Params.from(config);
    train = new Spirals(300, 0.2, params.dataSeed);
    test = new Spirals(100, 0.2, params.dataSeed + 1000);
    hidden = params.hidden;
    oB1 = hidden * IN;
    oW2 = oB1 + hidden;
    oB2 = oW2 + OUT * hidden;
    w = new double[oB2 + OUT];
    v = new double[w.length];
    rng = new SplitMix64(params.seed);
    // Xavier-style init for tanh; biases zero
    for (int i = 0; i < oB1; i++) {
      w[i] = rng.nextGaussian() * Math.sqrt(1.0 / IN);
    }
    for (int i = oW2; i < oB2; i++) {
      w[i] = rng.nextGaussian() * Math.sqrt(1.0 / hidden);
    }
    updates = 0;
  }

  @Override
  public Map<String, Object> step() {
    if (params == null) {
      throw new IllegalStateException("step() before setup()");
    }
    double[] grad = new double[w.length];
    double[] h = new double[hidden];
    double[] p = new double[OUT];
    double[] dh = new double[hidden];
    for (int s = 0; s < params.stepsPerIter; s++) {
      java.util.Arrays.fill(grad, 0);
      for (int b = 0; b < params.batchSize; b++) {
        int i = rng.nextInt(train.n);
        double[] xi = train.x[i];
        forward(xi, h, p);
        // dL/dz2 = p - onehot(y)
        p[train.y[i]] -= 1;
        java.util.Arrays.fill(dh, 0);
        for (int o = 0; o < OUT; o++) {
          int row = oW2 + o * hidden;
          for (int j = 0; j < hidden; j++) {
            grad[row + j] += p[o] * h[j];
            dh[j] += p[o] * w[row + j];
          }
          grad[oB2 + o] += p[o];
        }
        for (int j = 0; j < hidden; j++) {
          double dz = dh[j] * (1 - h[j] * h[j]);
          grad[j * IN] += dz * xi[0];
          grad[j * IN + 1] += dz * xi[1];
          grad[oB1 + j] += dz;
        }
      }
      double inv = 1.0 / params.batchSize;
      for (int k = 0; k < w.length; k++) {
        v[k] = params.momentum * v[k] - params.lr * grad[k] * inv;
        w[k] += v[k];
      }
      updates++;
    }
    double[] tr = evaluate(train);
    double[] te = evaluate(test);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", tr[0]);
    m.put("accuracy", te[1]);
    m.put("train_accuracy", tr[1]);
    m.put("lr", params.lr);
    m.put("momentum", params.momentum);
    m.put("updates", updates);
    return m;
  }

  /** Fills h (hidden activations) and p (class probabilities); returns the log-sum-exp of the logits. */
  private double forward(double[] xi, double[] h, double[] p) {
    for (int j = 0; j < hidden; j++) {
      h[j] = Math.tanh(w[j * IN] * xi[0] + w[j * IN + 1] * xi[1] + w[oB1 + j]);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int o = 0; o < OUT; o++) {
      double z = w[oB2 + o];
      int row = oW2 + o * hidden;
      for (int j = 0; j < hidden; j++) {
        z += w[row + j] * h[j];
      }
      p[o] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int o = 0; o < OUT; o++) {
      sum += Math.exp(p[o] - max);
    }
    double lse = max + Math.log(sum);
    for (int o = 0; o < OUT; o++) {
      p[o] = Math.exp(p[o] - lse);
    }
    return lse;
  }

  /** {mean cross-entropy, accuracy}; the loss uses log-sum-exp, so it stays finite however large the logits. */
  private double[] evaluate(Spirals d) {
    double[] h = new double[hidden];
    double[] p = new double[OUT];
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < d.n; i++) {
      double lse = forward(d.x[i], h, p);
      // -log p_y = lse - z_y, with z_y recomputed from the logits (p_y itself may underflow to 0)
      double zy = w[oB2 + d.y[i]];
      int row = oW2 + d.y[i] * hidden;
      for (int j = 0; j < hidden; j++) {
        zy += w[row + j] * h[j];
      }
      loss += lse - zy;
      int best = 0;
      for (int o = 1; o < OUT; o++) {
        if (p[o] > p[best]) {
          best = o;
        }
      }
      if (best == d.y[i]) {
        correct++;
      }
    }
    return new double[] {loss / d.n, (double) correct / d.n};
  }

  @Override
  public void saveCheckpoint(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(CHECKPOINT_FILE))))) {
      out.writeInt(MAGIC);
      out.writeInt(hidden);
      out.writeLong(updates);
      out.writeLong(rng.state());
      out.writeInt(w.length);
      for (int k = 0; k < w.length; k++) {
        out.writeDouble(w[k]);
        out.writeDouble(v[k]);
      }
    }
  }

  @Override
  public void loadCheckpoint(Path dir) throws IOException {
    if (params == null) {
      throw new IllegalStateException("loadCheckpoint() before setup()");
    }
    Path file = dir.resolve(CHECKPOINT_FILE);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not an MLP checkpoint");
      }
      int savedHidden = in.readInt();
      if (savedHidden != hidden) {
        throw new IOException(file + " holds a net with " + savedHidden + " hidden units, config says " + hidden);
      }
      long savedUpdates = in.readLong();
      long rngState = in.readLong();
      int len = in.readInt();
      if (len != w.length) {
        throw new IOException(file + " holds " + len + " weights, expected " + w.length);
      }
      double[] nw = new double[len];
      double[] nv = new double[len];
      for (int k = 0; k < len; k++) {
        nw[k] = in.readDouble();
        nv[k] = in.readDouble();
      }
      updates = savedUpdates;
      rng.setState(rngState);
      w = nw;
      v = nv;
    }
  }

  @Override
  public boolean resetConfig(Config newConfig) {
    Params next = Params.from(newConfig);
    if (params == null || (next.hidden != params.hidden || next.dataSeed != params.dataSeed)) {
      return false; // not set up, or another architecture / data set: the driver builds a fresh instance
    }
    params = next;
    return true;
  }
}
