package org.tunebench.app.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FanovaTest {
  static double[][] uniform(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) for (int j = 0; j < d; j++) row[j] = r.nextDouble();
    return x;
  }

  static double[] eval(double[][] x, ToDoubleFunction<double[]> f) {
    return Arrays.stream(x).mapToDouble(f).toArray();
  }

  @Test void onlyTheParameterThatMattersGetsImportance() {
    double[][] x = uniform(300, 5, 1);
    double[] imp = Fanova.importance(x, eval(x, r -> Math.pow(r[2] - 0.3, 2)), 7);
    assertEquals(1, Arrays.stream(imp).sum(), 1e-9);
    assertTrue(imp[2] > 0.9, "x2 alone decides the metric: " + Arrays.toString(imp));
  }

  @Test void twoInteractingParametersShareTheImportanceAndNoiseGetsLittle() {
    double[][] x = uniform(400, 6, 2);
    double[] imp = Fanova.importance(x, eval(x, r -> r[0] * r[4]), 7);
    assertTrue(imp[0] > 0.3 && imp[4] > 0.3, "x0 and x4 matter together: " + Arrays.toString(imp));
    assertEquals(imp[0], imp[4], 0.15, "symmetric roles get similar shares: " + Arrays.toString(imp));
    for (int j : new int[] {1, 2, 3, 5}) assertTrue(imp[j] < 0.06, "x" + j + " is noise: " + Arrays.toString(imp));
  }

  @Test void aStrongerMainEffectRanksHigher() {
    double[][] x = uniform(300, 3, 3);
    double[] imp = Fanova.importance(x, eval(x, r -> 3 * r[1] + r[0]), 7);
    assertTrue(imp[1] > imp[0] && imp[0] > imp[2], Arrays.toString(imp));
    // a linear sum is additive: 9/10 of the variance is x1's, 1/10 is x0's
    assertEquals(0.9, imp[1], 0.06, Arrays.toString(imp));
  }

  @Test void aConstantMetricHasNoImportanceAndTheResultIsSeedStable() {
    double[][] x = uniform(50, 3, 4);
    assertArrayEquals(new double[3], Fanova.importance(x, new double[50], 1));
    double[] y = eval(x, r -> r[0]);
    assertArrayEquals(Fanova.importance(x, y, 9), Fanova.importance(x, y, 9));
  }

  @Test void theForestFitsWhatItSaw() {
    double[][] x = uniform(200, 2, 5);
    double[] y = eval(x, r -> r[0] > 0.5 ? 10 : 0);
    RegressionForest f = RegressionForest.fit(x, y, 16, 1, 3);
    assertEquals(10, f.predict(new double[] {0.9, 0.5}), 1);
    assertEquals(0, f.predict(new double[] {0.1, 0.5}), 1);
  }
}
