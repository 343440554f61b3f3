package org.tunebench.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PbtExplorerTest {
  /** A Random that returns scripted draws, to pin each branch of Ray's _explore. */
  static final class ScriptedRandom extends Random {
    final Deque<Double> doubles = new ArrayDeque<>();
    final Deque<Boolean> booleans = new ArrayDeque<>();
    final Deque<Integer> ints = new ArrayDeque<>();

    @Override public double nextDouble() { return doubles.removeFirst(); }
    @Override public boolean nextBoolean() { return booleans.removeFirst(); }
    @Override public int nextInt(int bound) { return ints.removeFirst(); }
  }

  private static Map<String, Object> cfg(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static PbtExplorer explorer(Map<String, PbtMutation> m, ScriptedRandom r) {
    return new PbtExplorer(m, 0.25, List.of(1.2, 0.8), r);
  }

  @Test
  void listValuesShiftOneStepAndStayWithinTheList() {
    ScriptedRandom r = new ScriptedRandom();
    PbtExplorer e = explorer(Map.of("bs", new PbtMutation.Values(List.of(16, 32, 64, 128))), r);
    r.doubles.add(0.9); r.booleans.add(false); // no resample, shift right
    assertEquals(128, e.explore(cfg("bs", 128)).get("bs")); // clamped at the end
    r.doubles.add(0.9); r.booleans.add(true); // shift left
    assertEquals(16, e.explore(cfg("bs", 16)).get("bs"));
    r.doubles.add(0.9); r.booleans.add(true);
    assertEquals(32, e.explore(cfg("bs", 64)).get("bs"));
    r.doubles.add(0.9); r.booleans.add(false);
    assertEquals(64, e.explore(cfg("bs", 32.0)).get("bs"), "32.0 == 32 as in Python");
  }

  @Test
  void listValuesResampleWithTheProbabilityOrWhenTheValueIsUnknown() {
    ScriptedRandom r = new ScriptedRandom();
    PbtExplorer e = explorer(Map.of("bs", new PbtMutation.Values(List.of(16, 32, 64, 128))), r);
    r.doubles.add(0.1); r.ints.add(2); // 0.1 < 0.25: resample index 2
    assertEquals(64, e.explore(cfg("bs", 16)).get("bs"));
    r.doubles.add(0.9); r.ints.add(0); // 17 is not in the list
    assertEquals(16, e.explore(cfg("bs", 17)).get("bs"));
  }

  @Test
  void numbersAreMultipliedByAFactorNotClippedAndIntegersTruncated() {
    ScriptedRandom r = new ScriptedRandom();
    Map<String, PbtMutation> m = new LinkedHashMap<>(); // explored in key order, like Ray's dict
    m.put("lr", new PbtMutation.Distribution("uniform", x -> 0.05));
    m.put("layers", new PbtMutation.Distribution("randint", x -> 4L));
    PbtExplorer e = explorer(m, r);
    r.doubles.add(0.9); r.ints.add(0); // lr * 1.2: 0.09 -> 0.108, above uniform(0, 0.1): kept as Ray does
    r.doubles.add(0.9); r.ints.add(1); // layers 3 * 0.8 = 2.4 -> 2, still an Integer
    Map<String, Object> out = e.explore(cfg("lr", 0.09, "layers", 3));
    assertEquals(0.09 * 1.2, (double) out.get("lr"), 1e-15);
    assertEquals(2, out.get("layers"));
    r.doubles.add(0.1); // resample
    r.doubles.add(0.1);
    out = e.explore(cfg("lr", 0.09, "layers", 3));
    assertEquals(0.05, out.get("lr"));
    assertEquals(4L, out.get("layers"));
  }

  @Test
  void nestedMutationsAndUntouchedKeysAreCopied() {
    ScriptedRandom r = new ScriptedRandom();
    PbtExplorer e = explorer(Map.of("opt", new PbtMutation.Nested(Map.of("momentum",
        new PbtMutation.Values(List.of(0.8, 0.9, 0.99))))), r);
    r.doubles.add(0.9); r.booleans.add(false);
    Map<String, Object> in = cfg("opt", cfg("momentum", 0.9, "name", "sgd"), "seed", 7);
    Map<String, Object> out = e.explore(in);
    assertEquals(cfg("opt", cfg("momentum", 0.99, "name", "sgd"), "seed", 7), out);
    assertEquals(0.9, ((Map<?, ?>) in.get("opt")).get("momentum"), "the donor's config is not changed");
  }

  @Test
  void seededSamplersFromJsonStayWithinTheirDomains() throws Exception {
    var json = new ObjectMapper().readTree("""
        {"a": {"uniform": [0.5, 1.0]}, "b": {"loguniform": [1e-4, 1e-1]}, "c": {"randint": [2, 5]},
         "d": {"choice": ["x", "y"]}, "e": [1, 2, 3]}""");
    Map<String, PbtMutation> m = PbtMutation.parseAll(json, "$.scheduler.hyperparamMutations");
    Random rnd = new Random(42);
    for (int i = 0; i < 200; i++) {
      double a = (double) ((PbtMutation.Distribution) m.get("a")).sampler().apply(rnd);
      double b = (double) ((PbtMutation.Distribution) m.get("b")).sampler().apply(rnd);
      long c = (long) ((PbtMutation.Distribution) m.get("c")).sampler().apply(rnd);
      Object d = ((PbtMutation.Distribution) m.get("d")).sampler().apply(rnd);
      assertTrue(a >= 0.5 && a < 1.0, "uniform " + a);
      assertTrue(b >= 1e-4 && b < 1e-1, "loguniform " + b);
      assertTrue(c >= 2 && c < 5, "randint upper bound exclusive: " + c);
      assertTrue(d.equals("x") || d.equals("y"));
    }
    assertEquals(new PbtMutation.Values(List.of(1, 2, 3)), m.get("e"));
  }

  @Test
  void perturbedValuesStayInsideTheirDistribution() {
    ScriptedRandom r = new ScriptedRandom();
    PbtMutation momentum = PbtMutation.parse(new ObjectMapper().createObjectNode().set("uniform",
        new ObjectMapper().createArrayNode().add(0.0).add(0.99)), "$.m");
    PbtExplorer e = explorer(Map.of("momentum", momentum), r);
    r.doubles.add(0.9); // no resample
    r.ints.add(0);      // factor 1.2
    assertEquals(0.99, (double) e.explore(cfg("momentum", 0.95)).get("momentum"), 1e-12,
        "0.95 x 1.2 is clipped to the upper bound instead of breaking the trainable");
  }
}
