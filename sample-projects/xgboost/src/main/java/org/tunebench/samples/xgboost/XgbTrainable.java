package org.tunebench.samples.xgboost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * Class-API sample on XGBoost4J: gradient-boosted trees on a synthetic 5,000 x 20 binary classification set
 * (4,000 train / 1,000 eval rows; 5 informative, 5 redundant, 10 noise features, 3% flipped labels).
 *
 * <p>Config keys (all required but the last three): {@code eta} (0, 1], {@code max_depth} 1..16,
 * {@code subsample} (0, 1], {@code colsample_bytree} (0, 1], {@code min_child_weight} &ge; 0,
 * {@code lambda} &ge; 0; optional {@code roundsPerStep} (default 10), {@code seed} (default 0),
 * {@code dataSeed} (default 2024).
 *
 * <p>One {@link #step()} adds {@code roundsPerStep} boosting rounds to the booster and reports
 * {@code train_logloss}, {@code eval_logloss}, {@code eval_error} and {@code rounds}. A checkpoint is the
 * booster saved as {@code model.ubj}; with {@code nthread=1} and {@code seed_per_iteration} the continuation from a
 * checkpoint is identical to uninterrupted training.
 */
public final class XgbTrainable implements Trainable {

  static final String MODEL_FILE = "model.ubj";
  private static final int ROWS = 5000;
  private static final int TRAIN_ROWS = 4000;

  private Map<String, Object> params;
  private int roundsPerStep;
  private long dataSeed;
  private DMatrix dtrain;
  private DMatrix deval;
  private float[] trainLabels;
  private float[] evalLabels;
  private Booster booster;

  @Override
  public void setup(Config config) throws XGBoostError {
    params = xgbParams(config);
    roundsPerStep = config.has("roundsPerStep") ? config.getInt("roundsPerStep") : 10;
    if (roundsPerStep < 1 || roundsPerStep > 10_000) {
      throw new IllegalArgumentException("config key 'roundsPerStep' = " + roundsPerStep + " must be in [1, 10000]");
    }
    dataSeed = config.has("dataSeed") ? config.getLong("dataSeed") : 2024;
    SyntheticData data = new SyntheticData(ROWS, 5, 5, 10, 0.03, 1.0, dataSeed);
    trainLabels = data.labels(0, TRAIN_ROWS);
    evalLabels = data.labels(TRAIN_ROWS, ROWS);
    dtrain = new DMatrix(data.features(0, TRAIN_ROWS), TRAIN_ROWS, data.cols, Float.NaN);
    dtrain.setLabel(trainLabels);
    deval = new DMatrix(data.features(TRAIN_ROWS, ROWS), ROWS - TRAIN_ROWS, data.cols, Float.NaN);
    deval.setLabel(evalLabels);
  }

  /** Validates the config and builds the XGBoost parameter map. */
  static Map<String, Object> xgbParams(Config c) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", "binary:logistic");
    p.put("eval_metric", "logloss");
    p.put("tree_method", "hist");
    p.put("nthread", 1);
    p.put("verbosity", 0);
    p.put("seed_per_iteration", true);
    p.put("seed", c.has("seed") ? c.getLong("seed") : 0L);
    p.put("eta", range(c, "eta", 0, false, 1, true));
    int depth = c.getInt("max_depth");
    if (depth < 1 || depth > 16) {
      throw new IllegalArgumentException("config key 'max_depth' = " + depth + " must be in [1, 16]");
    }
    p.put("max_depth", depth);
    p.put("subsample", range(c, "subsample", 0, false, 1, true));
    p.put("colsample_bytree", range(c, "colsample_bytree", 0, false, 1, true));
    p.put("min_child_weight", range(c, "min_child_weight", 0, true, 1e6, true));
    p.put("lambda", range(c, "lambda", 0, true, 1e6, true));
    return p;
  }

  private static double range(Config c, String key, double lo, boolean loIncl, double hi, boolean hiIncl) {
    double v = c.getDouble(key);
    boolean ok = (loIncl ? v >= lo : v > lo) && (hiIncl ? v <= hi : v < hi);
    if (!ok) {
      throw new IllegalArgumentException("config key '" + key + "' = " + v + " must be in "
          + (loIncl ? "[" : "(") + lo + ", " + hi + (hiIncl ? "]" : ")"));
    }
    return v;
  }

  @Override
  public Map<String, Object> step() throws XGBoostError {
    if (dtrain == null) {
      throw new IllegalStateException("step() before setup()");
    }
    // Continues `booster` (null the first time) by roundsPerStep rounds. No watches: XGBoost would print an
    // evaluation line per round to stdout; the metrics are computed below from predictions instead.
    Map<String, DMatrix> watches = Map.of();
    booster = XGBoost.train(dtrain, params, roundsPerStep, watches, null, null, null, 0, booster);

    double[] train = logLossAndError(booster.predict(dtrain), trainLabels);
    double[] eval = logLossAndError(booster.predict(deval), evalLabels);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train_logloss", train[0]);
    m.put("eval_logloss", eval[0]);
    m.put("eval_error", eval[1]);
    m.put("rounds", booster.getNumBoostedRound());
    return m;
  }

  static double[] logLossAndError(float[][] pred, float[] labels) {
    double loss = 0;
    int wrong = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Math.min(1 - 1e-15, Math.max(1e-15, pred[i][0]));
      loss -= labels[i] == 1f ? Math.log(p) : Math.log(1 - p);
      if ((pred[i][0] > 0.5f) != (labels[i] == 1f)) {
        wrong++;
      }
    }
    return new double[] {loss / labels.length, (double) wrong / labels.length};
  }

  @Override
  public void saveCheckpoint(Path dir) throws Exception {
    if (booster == null) {
      throw new IllegalStateException("no model to save yet: step() has not run");
    }
    Files.createDirectories(dir);
    booster.saveModel(dir.resolve(MODEL_FILE).toString());
  }

  @Override
  public void loadCheckpoint(Path dir) throws Exception {
    Path file = dir.resolve(MODEL_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("checkpoint " + dir + " holds no " + MODEL_FILE);
    }
    Booster loaded = XGBoost.loadModel(file.toString());
    if (params != null) {
      // the saved model carries the parameters it was trained with (in PBT: the donor's); use ours
      loaded.setParams(params);
    }
    if (booster != null) {
      booster.dispose();
    }
    booster = loaded;
  }

  @Override
  public boolean resetConfig(Config newConfig) throws XGBoostError {
    if (dtrain == null) {
      return false; // not set up: nothing to keep
    }
    Map<String, Object> next = xgbParams(newConfig);
    int rounds = newConfig.has("roundsPerStep") ? newConfig.getInt("roundsPerStep") : 10;
    if (rounds < 1 || rounds > 10_000) {
      throw new IllegalArgumentException("config key 'roundsPerStep' = " + rounds + " must be in [1, 10000]");
    }
    long nextDataSeed = newConfig.has("dataSeed") ? newConfig.getLong("dataSeed") : 2024;
    if (nextDataSeed != dataSeed) {
      return false; // another data set: let the driver build a fresh instance
    }
    params = next;
    roundsPerStep = rounds;
    if (booster != null) {
      booster.setParams(params);
    }
    return true;
  }

  @Override
  public void cleanup() {
    if (booster != null) {
      booster.dispose();
      booster = null;
    }
    if (dtrain != null) {
      dtrain.dispose();
      dtrain = null;
    }
    if (deval != null) {
      deval.dispose();
      deval = null;
    }
  }
}
