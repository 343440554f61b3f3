package org.tunebench.samples.rosenbrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.api.Config;
import org.tunebench.api.Session;
import org.tunebench.api.StopTrial;

class RosenbrockTrainTest {

  @TempDir Path tmp;

  /** A Session that records results, copies checkpoints (as the driver does) and can stop after N reports. */
  static final class FakeSession implements Session {
    final List<Map<String, Object>> results = new ArrayList<>();
    final Path store;
    final Optional<Path> restoreFrom;
    final int stopAfter;
    Path lastCheckpoint;

    FakeSession(Path store, Optional<Path> restoreFrom, int stopAfter) {
      this.store = store;
      this.restoreFrom = restoreFrom;
      this.stopAfter = stopAfter;
    }

    @Override public void report(Map<String, Object> metrics) {
      results.add(Map.copyOf(metrics));
      if (results.size() >= stopAfter) {
        throw new StopTrial("test stops the trial");
      }
    }

    @Override public void report(Map<String, Object> metrics, Path checkpointDir) {
      try {
        Path copy = Files.createDirectories(store.resolve("ckpt-" + results.size()));
        try (var files = Files.list(checkpointDir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.copy(f, copy.resolve(f.getFileName()));
          }
        }
        lastCheckpoint = copy;
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
      report(metrics);
    }

    @Override public Optional<Path> checkpoint() { return restoreFrom; }
    @Override public String trialId() { return "t0"; }
    @Override public Path trialDir() { return store; }
  }

  private static Config config(int iterations) {
    Map<String, Object> m = new HashMap<>();
    m.put("x", -1.5);
    m.put("y", 1.8);
    m.put("lr", 0.1);
    m.put("noise", 0.1);
    m.put("iterations", iterations);
    m.put("stepMillis", 0);
    return Config.of(m);
  }

  private static double loss(Map<String, Object> r) {
    return ((Number) r.get("loss")).doubleValue();
  }

  @Test
  void lossDecreasesAndRunIsDeterministic() throws Exception {
    FakeSession a = new FakeSession(Files.createDirectories(tmp.resolve("a")), Optional.empty(), Integer.MAX_VALUE);
    new RosenbrockTrain().train(config(50), a);
    assertEquals(50, a.results.size());
    double first = a.results.subList(0, 5).stream().mapToDouble(RosenbrockTrainTest::loss).average().orElseThrow();
    double last = a.results.subList(45, 50).stream().mapToDouble(RosenbrockTrainTest::loss).average().orElseThrow();
    assertTrue(last < first / 10, "loss should fall: first " + first + ", last " + last);

    FakeSession b = new FakeSession(Files.createDirectories(tmp.resolve("b")), Optional.empty(), Integer.MAX_VALUE);
    new RosenbrockTrain().train(config(50), b);
    assertEquals(a.results, b.results);
  }

  @Test
  void restoreFromCheckpointContinuesIdentically() throws Exception {
    FakeSession full = new FakeSession(Files.createDirectories(tmp.resolve("full")), Optional.empty(), Integer.MAX_VALUE);
    new RosenbrockTrain().train(config(20), full);

    // stopped by the driver right after the checkpoint at step 10
    FakeSession first = new FakeSession(Files.createDirectories(tmp.resolve("first")), Optional.empty(), 10);
    assertThrows(StopTrial.class, () -> new RosenbrockTrain().train(config(20), first));
    assertEquals(10, ((Number) first.results.get(9).get("step")).intValue());

    FakeSession resumed = new FakeSession(Files.createDirectories(tmp.resolve("resumed")),
        Optional.of(first.lastCheckpoint), Integer.MAX_VALUE);
    new RosenbrockTrain().train(config(20), resumed);
    assertEquals(full.results.subList(10, 20), resumed.results);
  }

  @Test
  void badConfigIsRejectedWithTheKeyName() {
    FakeSession s = new FakeSession(tmp, Optional.empty(), Integer.MAX_VALUE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RosenbrockTrain().train(Config.of(Map.of("x", 0.0, "y", 0.0, "lr", -1.0)), s));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new RosenbrockTrain().train(Config.of(Map.of("x", 0.0, "lr", 0.1)), s));
    assertTrue(e.getMessage().contains("'y'"), e.getMessage());
  }
}
