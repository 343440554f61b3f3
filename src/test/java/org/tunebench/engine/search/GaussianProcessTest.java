package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
  @Test void aFitThatRunsOutOfBudgetKeepsTheBestHyperparametersItEvaluated() {
    // the target varies fast along x0 and not at all along x1..x7: the fitted length scale of x0 must
    // come out short even when BOBYQA stops at its evaluation budget (it throws instead of returning)
    SplittableRandom rng = new SplittableRandom(3);
    int n = 40;
    int d = 8;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) x[i][k] = rng.nextDouble();
      y[i] = Math.sin(14 * x[i][0]);
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, new SplittableRandom(1), 40);
    double[] ls = gp.lengthScales();
    assertTrue(ls[0] < 0.3, () -> "length scales " + Arrays.toString(ls));
  }
}
