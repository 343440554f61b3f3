package org.tunebench.samples.logreg;

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
 * Class-API sample: logistic regression trained by mini-batch SGD with (heavy-ball) momentum and L2 weight decay
 * on a synthetic 2,000 x 10 classification set (1,600 train / 400 validation rows).
 *
 * <p>Config keys: {@code lr} (in (0, 10]), {@code l2} (in [0, 10]), {@code batchSize} (1..1600),
 * {@code momentum} (in [0, 1)), {@code epochsPerStep} (default 1), {@code dataSeed} (default 42),
 * {@code seed} (shuffling, default 1).
 *
 * <p>One {@link #step()} = {@code epochsPerStep} epochs; it reports {@code loss} (training log loss),
 * {@code val_loss}, {@code val_accuracy} and {@code epoch}. Checkpoints hold weights, velocities, the RNG state
 * and the epoch, so training continued from a checkpoint is bit-identical to uninterrupted training.
 * {@link #resetConfig} takes new {@code lr}, {@code l2}, {@code momentum}, {@code batchSize} in place (PBT).
 */
public final class LogRegTrainable implements Trainable {

  static final String CHECKPOINT_FILE = "logreg.ckpt";
  private static final int MAGIC = 0x544C4731; // "TLG1"
  private static final int ROWS = 2000;
  private static final int FEATURES = 10;
  private static final double VAL_FRACTION = 0.2;
  private static final double EPS = 1e-15;

  private Params params;
  private Dataset data;
  private SplitMix64 rng;
  private double[] w;
  private double[] vw;
  private double b;
  private double vb;
  private int epoch;

  /** Validated hyperparameters. */
  record Params(double lr, double l2, int batchSize, double momentum, int epochsPerStep, long dataSeed,
                long seed) {
    static Params from(Config c) {
      double lr = c.getDouble("lr");
      if (!(lr > 0 && lr <= 10)) {
        throw new IllegalArgumentException("config key 'lr' = " + lr + " must be in (0, 10]");
      }
      double l2 = c.getDouble("l2");
      if (!(l2 >= 0 && l2 <= 10)) {
        throw new IllegalArgumentException("config key 'l2' = " + l2 + " must be in [0, 10]");
      }
      int nTrain = ROWS - (int) Math.round(ROWS * VAL_FRACTION);
      int batchSize = c.getInt("batchSize");
      if (batchSize < 1 || batchSize > nTrain) {
        throw new IllegalArgumentException("config key 'batchSize' = " + batchSize + " must be in [1, " + nTrain + "]");
      }
      double momentum = c.has("momentum") ? c.getDouble("momentum") : 0.0;
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("config key 'momentum' = " + momentum + " must be in [0, 1)");
      }
      int epochsPerStep = c.has("epochsPerStep") ? c.getInt("epochsPerStep") : 1;
      if (epochsPerStep < 1 || epochsPerStep > 1000) {
        throw new IllegalArgumentException("config key 'epochsPerStep' = " + epochsPerStep + " must be in [1, 1000]");
      }
      long dataSeed = c.has("dataSeed") ? c.getLong("dataSeed") : 42;
      long seed = c.has("seed") ? c.getLong("seed") : 1;
      return new Params(lr, l2, batchSize, momentum, epochsPerStep, dataSeed, seed);
    }
  }

  @Override
  public void setup(Config config) {
    params = Params.from(config);
    data = new Dataset(params.dataSeed, ROWS, FEATURES, VAL_FRACTION);
    rng = new SplitMix64(params.seed);
    w = new double[FEATURES];
    vw = new double[FEATURES];
    b = 0;
    vb = 0;
    epoch = 0;
  }

  @Override
  public Map<String, Object> step() {
    if (params == null) {
      throw new IllegalStateException("step() before setup()");
    }
    for (int e = 0; e < params.epochsPerStep; e++) {
      trainOneEpoch();
    }
    double[] train = evaluate(0, data.nTrain);
    double[] val = evaluate(data.nTrain, data.rows);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", train[0]);
    m.put("val_loss", val[0]);
    m.put("val_accuracy", val[1]);
    m.put("epoch", epoch);
    return m;
  }

  private void trainOneEpoch() {
    int n = data.nTrain;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates with the checkpointed RNG
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] gw = new double[FEATURES];
    for (int start = 0; start < n; start += params.batchSize) {
      int end = Math.min(n, start + params.batchSize);
      java.util.Arrays.fill(gw, 0);
      double gb = 0;
      for (int k = start; k < end; k++) {
        double[] xi = data.x[order[k]];
        double err = sigmoid(dot(xi)) - data.y[order[k]];
        for (int j = 0; j < FEATURES; j++) {
          gw[j] += err * xi[j];
        }
        gb += err;
      }
      double inv = 1.0 / (end - start);
      for (int j = 0; j < FEATURES; j++) {
        double g = gw[j] * inv + params.l2 * w[j];
        vw[j] = params.momentum * vw[j] - params.lr * g;
        w[j] += vw[j];
      }
      vb = params.momentum * vb - params.lr * gb * inv;
      b += vb;
    }
    epoch++;
  }

  /** {mean log loss, accuracy} over rows [from, to). */
  private double[] evaluate(int from, int to) {
    double loss = 0;
    int correct = 0;
    for (int i = from; i < to; i++) {
      double p = sigmoid(dot(data.x[i]));
      double pc = Math.min(1 - EPS, Math.max(EPS, p));
      loss -= data.y[i] == 1.0 ? Math.log(pc) : Math.log(1 - pc);
      if ((p >= 0.5) == (data.y[i] == 1.0)) {
        correct++;
      }
    }
    return new double[] {loss / (to - from), (double) correct / (to - from)};
  }

  private double dot(double[] xi) {
    double z = b;
    for (int j = 0; j < FEATURES; j++) {
      z += w[j] * xi[j];
    }
    return z;
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @Override
  public void saveCheckpoint(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(CHECKPOINT_FILE))))) {
      out.writeInt(MAGIC);
      out.writeInt(epoch);
      out.writeLong(rng.state());
      out.writeInt(FEATURES);
      for (int j = 0; j < FEATURES; j++) {
        out.writeDouble(w[j]);
        out.writeDouble(vw[j]);
      }
      out.writeDouble(b);
      out.writeDouble(vb);
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
        throw new IOException(file + " is not a logreg checkpoint");
      }
      int savedEpoch = in.readInt();
      long rngState = in.readLong();
      int features = in.readInt();
      if (features != FEATURES) {
        throw new IOException(file + " holds " + features + " features, expected " + FEATURES);
      }
      double[] nw = new double[FEATURES];
      double[] nvw = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        nw[j] = in.readDouble();
        nvw[j] = in.readDouble();
      }
      double nb = in.readDouble();
      double nvb = in.readDouble();
      // commit only after the whole file was read
      epoch = savedEpoch;
      rng.setState(rngState);
      w = nw;
      vw = nvw;
      b = nb;
      vb = nvb;
    }
  }

  @Override
  public boolean resetConfig(Config newConfig) {
    Params next = Params.from(newConfig);
    if (params == null || next.dataSeed != params.dataSeed) {
      return false; // not set up, or a different data set: let the driver build a fresh instance
    }
    params = next;
    return true;
  }
}
