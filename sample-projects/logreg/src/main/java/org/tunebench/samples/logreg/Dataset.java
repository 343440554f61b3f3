package org.tunebench.samples.logreg;

/**
 * A synthetic binary classification set, generated deterministically from a seed: standard-normal features,
 * a hidden sparse weight vector, labels drawn from the logistic model (so there is label noise and the best
 * achievable accuracy is below 100%). Rows {@code [0, nTrain)} are the training set, the rest validation.
 */
final class Dataset {
  final int rows;
  final int features;
  final int nTrain;
  final double[][] x;
  final double[] y;

  Dataset(long seed, int rows, int features, double valFraction) {
    this.rows = rows;
    this.features = features;
    this.nTrain = rows - (int) Math.round(rows * valFraction);
    SplitMix64 rng = new SplitMix64(seed);
    double[] trueW = new double[features];
    for (int j = 0; j < features; j++) {
      // about a third of the features carry no signal
      trueW[j] = j % 3 == 2 ? 0.0 : 1.5 * rng.nextGaussian();
    }
    double trueB = 0.3;
    x = new double[rows][features];
    y = new double[rows];
    for (int i = 0; i < rows; i++) {
      double z = trueB;
      for (int j = 0; j < features; j++) {
        x[i][j] = rng.nextGaussian();
        z += trueW[j] * x[i][j];
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0;
    }
  }
}
