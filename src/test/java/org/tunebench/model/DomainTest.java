package org.tunebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DRAWS = 20_000;

  static Domain domain(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      String name = node.fieldNames().next();
      return Domain.parse(name, node.get(name), "$.space.x." + name);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Set<Object> draws(Domain d) {
    SplittableRandom rng = new SplittableRandom(1);
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      Object v = d.sample(rng);
      assertTrue(d.contains(v), () -> d.kind() + " drew " + v + " outside itself");
      seen.add(v);
    }
    return seen;
  }

  @Test void uniformStaysInBoundsAndSpreads() {
    Domain d = domain("{\"uniform\":[-1, 3]}");
    Set<Object> seen = draws(d);
    assertTrue(seen.stream().allMatch(v -> v instanceof Double x && x >= -1 && x <= 3));
    assertTrue(seen.stream().anyMatch(v -> (Double) v < -0.9) && seen.stream().anyMatch(v -> (Double) v > 2.9));
  }

  @Test void quniformGivesMultiplesOfQInsideBoundsReachingBoth() {
    Set<Object> seen = draws(domain("{\"quniform\":[0.3, 0.7, 0.1]}"));
    assertEquals(5, seen.size(), seen::toString);
    assertTrue(seen.stream().allMatch(v -> (Double) v >= 0.3 && (Double) v <= 0.7), seen::toString);
    assertTrue(seen.contains(0.7), "the upper multiple is reachable: " + seen);
  }

  @Test void quniformKeepsBoundsThatAreNotMultiples() {
    Set<Object> seen = draws(domain("{\"quniform\":[0.2, 2.2, 0.5]}"));
    assertEquals(Set.of(0.5, 1.0, 1.5, 2.0), seen);
  }

  @Test void loguniformIsUniformInLogSpace() {
    Domain d = domain("{\"loguniform\":[1e-4, 1]}");
    SplittableRandom rng = new SplittableRandom(2);
    int below = 0;
    for (int i = 0; i < DRAWS; i++) {
      double v = (Double) d.sample(rng);
      assertTrue(v >= 1e-4 && v <= 1);
      if (v < 1e-2) below++;
    }
    assertEquals(0.5, below / (double) DRAWS, 0.02);
  }

  @Test void qloguniformGivesMultiplesInsideBounds() {
    Set<Object> seen = draws(domain("{\"qloguniform\":[1, 1000, 10]}"));
    assertTrue(seen.stream().allMatch(v -> (Double) v >= 10 && (Double) v <= 1000 && (Double) v % 10 == 0), seen::toString);
  }

  @Test void randnHasItsMeanAndSpread() {
    Domain d = domain("{\"randn\":[5, 2]}");
    SplittableRandom rng = new SplittableRandom(3);
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < DRAWS; i++) {
      double v = (Double) d.sample(rng);
      sum += v;
      sq += v * v;
    }
    double mean = sum / DRAWS;
    assertEquals(5, mean, 0.1);
    assertEquals(2, Math.sqrt(sq / DRAWS - mean * mean), 0.1);
  }

  @Test void qrandnGivesMultiples() {
    assertTrue(draws(domain("{\"qrandn\":[0, 3, 0.5]}")).stream().allMatch(v -> (Double) v % 0.5 == 0));
  }

  @Test void randintExcludesItsUpperBoundAndGivesLongs() {
    assertEquals(Set.of(2L, 3L, 4L), draws(domain("{\"randint\":[2, 5]}")));
  }

  @Test void lograndintExcludesUpperAndFavoursSmallValues() {
    Domain d = domain("{\"lograndint\":[1, 100]}");
    Set<Object> seen = draws(d);
    assertTrue(seen.contains(1L) && seen.contains(99L) && !seen.contains(100L), seen::toString);
    SplittableRandom rng = new SplittableRandom(4);
    int small = 0;
    for (int i = 0; i < DRAWS; i++) if ((Long) d.sample(rng) < 10) small++;
    assertEquals(0.5, small / (double) DRAWS, 0.03);
  }

  @Test void qrandintIncludesUpperAndRoundsToQ() {
    assertEquals(Set.of(0L, 5L, 10L), draws(domain("{\"qrandint\":[0, 10, 5]}")));
    assertEquals(Set.of(-5L, 0L, 5L), draws(domain("{\"qrandint\":[-7, 7, 5]}")));
    assertEquals(Set.of(1L, 2L, 3L, 4L), draws(domain("{\"qrandint\":[1, 4, 1]}")));
  }

  @Test void quantisationRoundsHalfToEvenLikeNumpy() {
    assertEquals(2.0, NumericDomain.quantize(2.5, 1));
    assertEquals(4.0, NumericDomain.quantize(3.5, 1));
    assertEquals(10.0, NumericDomain.quantize(7.5, 5));
    assertEquals(0.0, NumericDomain.quantize(2.5, 5));
  }

  @Test void choiceGivesEveryValueAndMatchesAcrossNumberTypes() {
    Categorical d = (Categorical) domain("{\"choice\":[\"gbtree\", 3, 0.5, [1, 2]]}");
    assertEquals(4, draws(d).size());
    assertTrue(d.contains(3) && d.contains(3L) && d.contains(List.of(1, 2)));
    assertFalse(d.contains(3.0) || d.contains("dart"));
    assertEquals(1, d.indexOf(3));
  }

  @Test void containsRejectsOutsideValuesAndWrongTypes() {
    assertFalse(domain("{\"uniform\":[0, 1]}").contains(1.5));
    assertFalse(domain("{\"uniform\":[0, 1]}").contains("0.5"));
    assertFalse(domain("{\"randint\":[0, 5]}").contains(5L));
    assertFalse(domain("{\"randint\":[0, 5]}").contains(2.5));
    assertTrue(domain("{\"randint\":[0, 5]}").contains(4));
    assertFalse(domain("{\"qrandint\":[0, 10, 5]}").contains(7L));
    assertFalse(domain("{\"quniform\":[0, 10, 0.5]}").contains(0.7));
    assertFalse(domain("{\"lograndint\":[1, 10]}").contains(0L));
    assertTrue(new Constant(7).contains(7L));
    assertFalse(new Constant(7).contains(8L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"uniform\":[-1, 3]}", "{\"quniform\":[0.3, 0.7, 0.1]}", "{\"loguniform\":[1e-4, 0.3]}",
      "{\"qloguniform\":[1, 1000, 10]}", "{\"randn\":[5, 2]}", "{\"qrandn\":[0, 3, 0.5]}", "{\"randint\":[2, 10]}",
      "{\"lograndint\":[1, 100]}", "{\"qrandint\":[0, 100, 5]}"})
  void unitMappingRoundTripsAndFollowsTheSampler(String json) {
    NumericDomain d = (NumericDomain) domain(json);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 2000; i++) {
      Object v = d.sample(rng);
      double u = d.toUnit(v);
      assertTrue(u >= 0 && u <= 1, () -> json + " mapped " + v + " to " + u);
      Object back = d.fromUnit(u);
      assertEquals(((Number) v).doubleValue(), ((Number) back).doubleValue(), 1e-9 * Math.max(1, Math.abs(((Number) v).doubleValue())), json);
      assertTrue(d.contains(d.fromUnit(rng.nextDouble())), json);
    }
    assertTrue(d.contains(d.fromUnit(0)) && d.contains(d.fromUnit(1)), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"uniform\":[-1,3]}", "{\"quniform\":[0,10,0.5]}", "{\"loguniform\":[0.0001,0.3]}",
      "{\"qloguniform\":[1,1000,10]}", "{\"randn\":[5,2]}", "{\"qrandn\":[0,3,0.5]}", "{\"randint\":[2,10]}",
      "{\"lograndint\":[1,100]}", "{\"qrandint\":[0,100,5]}", "{\"choice\":[\"a\",1,2.5]}", "{\"grid\":[50,100]}"})
  void toJsonGivesTheSpecForm(String json) throws Exception {
    assertEquals(JSON.readTree(json).toString(), domain(json).toJson().toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"loguniform\":[0.5, 0.1]}      | $.space.x.loguniform    | needs 0 < lo < hi, got [0.5, 0.1]",
      "{\"loguniform\":[0, 1]}          | $.space.x.loguniform    | needs 0 < lo < hi",
      "{\"uniform\":[1, 1]}             | $.space.x.uniform       | needs lo < hi",
      "{\"quniform\":[0, 1, 0]}         | $.space.x.quniform      | needs q > 0",
      "{\"quniform\":[0.1, 0.2, 1]}     | $.space.x.quniform      | no multiple of q",
      "{\"randn\":[0, 0]}               | $.space.x.randn         | needs sd > 0",
      "{\"qrandn\":[0, 1, -1]}          | $.space.x.qrandn        | needs q > 0",
      "{\"randint\":[5, 5]}             | $.space.x.randint       | needs lo < hi",
      "{\"randint\":[0, 2.5]}           | $.space.x.randint[1]    | expected a whole number, got 2.5",
      "{\"lograndint\":[0, 10]}         | $.space.x.lograndint    | needs 0 < lo < hi",
      "{\"qrandint\":[0, 10, 0]}        | $.space.x.qrandint      | needs a whole q >= 1",
      "{\"choice\":[]}                  | $.space.x.choice        | needs at least one value",
      "{\"grid\":[]}                    | $.space.x.grid          | needs at least one value",
      "{\"uniform\":[0]}                | $.space.x.uniform       | expected 2 values [lo, hi], got 1",
      "{\"quniform\":[0, 1]}            | $.space.x.quniform      | expected 3 values [lo, hi, q], got 2",
      "{\"uniform\":[\"a\", 1]}         | $.space.x.uniform[0]    | expected a number, got \"a\"",
      "{\"choice\":\"a\"}               | $.space.x.choice        | expected an array",
      "{\"uniform\":[-1e308, 1e308]}    | $.space.x.uniform       | needs hi - lo to be a finite number",
      "{\"quniform\":[-1e308, 1e308, 1]} | $.space.x.quniform     | needs hi - lo to be a finite number",
      "{\"quniform\":[0, 1e300, 1e-10]} | $.space.x.quniform      | q = 1.0E-10 is too small for [0, 1.0E300]",
      "{\"qloguniform\":[1, 1e300, 1e-10]} | $.space.x.qloguniform | is too small",
      "{\"randn\":[0, 1e308]}           | $.space.x.randn         | needs |mean| + 10 * sd to be a finite number",
      "{\"randn\":[1.7e308, 1e307]}     | $.space.x.randn         | needs |mean| + 10 * sd to be a finite number",
      "{\"qrandn\":[0, 1e300, 1e-10]}   | $.space.x.qrandn        | (divided by q) to be a finite number",
      "{\"randint\":[-9223372036854775808, 9223372036854775807]} | $.space.x.randint | needs hi - lo below 9223372036854775807",
      "{\"randint\":[0, 9223372036854775807]} | $.space.x.randint | needs hi - lo below",
      "{\"qrandint\":[-5000000000000000000, 5000000000000000000, 7]} | $.space.x.qrandint | needs hi - lo below",
      "{\"qrandint\":[9223372036854775806, 9223372036854775807, 10]} | $.space.x.qrandint | no multiple of q = 10"})
  void badParametersNameThePath(String json, String path, String message) {
    SpecException e = assertThrows(SpecException.class, () -> domain(json));
    assertEquals(path, e.path());
    assertTrue(e.getMessage().startsWith(path + ": ") && e.getMessage().contains(message), e.getMessage());
  }

  /** The widest domains still allowed: drawing and the unit mapping used to throw or wrap around at these. */
  @ParameterizedTest
  @ValueSource(strings = {"{\"uniform\":[-8e307, 8e307]}", "{\"quniform\":[-8e307, 8e307, 1e290]}",
      "{\"loguniform\":[4.9e-324, 1.7e308]}", "{\"randn\":[0, 1e306]}", "{\"qrandn\":[0, 1e300, 1e290]}",
      "{\"randint\":[1, 9223372036854775807]}", "{\"randint\":[-4611686018427387904, 4611686018427387902]}",
      "{\"qrandint\":[1, 9223372036854775807, 1]}", "{\"qrandint\":[-9223372036854775808, -2, 3]}",
      "{\"lograndint\":[1, 9223372036854775807]}"})
  void widestAllowedDomainsDrawAndMapInsideThemselves(String json) {
    NumericDomain d = (NumericDomain) domain(json);
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < 1000; i++) {
      Object v = d.sample(rng);
      assertTrue(d.contains(v), () -> json + " drew " + v);
      double u = d.toUnit(v);
      assertTrue(u >= 0 && u <= 1, () -> json + " mapped " + v + " to " + u);
      Object w = d.fromUnit(rng.nextDouble());
      assertTrue(d.contains(w), () -> json + " unit value " + w);
    }
    assertTrue(d.contains(d.fromUnit(0)) && d.contains(d.fromUnit(1)), json);
  }

  @Test void unknownDomainNameIsRejected() {
    SpecException e = assertThrows(SpecException.class, () -> Domain.parse("gaussian", JSON.createArrayNode(), "$.space.x.gaussian"));
    assertEquals("$.space.x.gaussian", e.path());
    assertTrue(e.getMessage().contains("allowed: uniform, quniform"), e.getMessage());
  }

  @Test void integerDomainsGiveLongsAndFloatDomainsDoubles() {
    SplittableRandom rng = new SplittableRandom(6);
    assertInstanceOf(Long.class, domain("{\"qrandint\":[0, 10, 2]}").sample(rng));
    assertInstanceOf(Long.class, domain("{\"lograndint\":[1, 10]}").sample(rng));
    assertInstanceOf(Double.class, domain("{\"quniform\":[0, 10, 1]}").sample(rng));
    assertInstanceOf(Long.class, new Constant(3).sample(rng));
  }
}
