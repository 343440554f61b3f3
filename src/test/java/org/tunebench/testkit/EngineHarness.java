package org.tunebench.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.exec.ExecutorFactory;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.store.ExperimentStore;
import org.tunebench.wire.Wire;

/** Runs experiments on real worker JVMs against a throw-away database. */
public final class EngineHarness implements AutoCloseable {
  public final Path dir;
  public final ExperimentStore store;
  private RunningExperiment running;
  private Thread driver;

  public EngineHarness(Path dir) {
    this.dir = dir;
    this.store = ExperimentStore.open(dir.resolve("db/tunebench.mv.db"));
  }

  public static ObjectNode spec(Path jar, String cls, String name) {
    ObjectNode s = Wire.JSON.createObjectNode();
    s.put("name", name);
    ObjectNode t = s.putObject("trainable");
    t.put("jar", jar.toString());
    if (cls != null) t.put("class", cls);
    s.putObject("space");
    s.put("metric", "score");
    s.put("mode", "max");
    s.putObject("resourcesPerTrial").put("cpu", 0.5).put("memoryMb", 128);
    return s;
  }

  public Path write(ObjectNode spec) throws Exception {
    Path f = dir.resolve(spec.path("name").asText() + ".json");
    Files.writeString(f, Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    return f;
  }

  public RunningExperiment start(ObjectNode specJson, DriverOptions options) throws Exception {
    return start(specJson, options, ExecutorFactory.LOCAL, new ResourcePool(2, 0, 16_000));
  }

  /** As {@link #start(ObjectNode, DriverOptions)}, with trials run by {@code executors} (e.g. a cluster). */
  public RunningExperiment start(ObjectNode specJson, DriverOptions options, ExecutorFactory executors, ResourcePool pool)
      throws Exception {
    Path f = write(specJson);
    ExperimentSpec spec = SpecReader.read(f);
    running = new ExperimentLauncher(store, pool, options, executors).start(spec, f);
    driver = running.runInBackground();
    return running;
  }

  public static DriverOptions fast() {
    return DriverOptions.defaults().withGrace(Duration.ofSeconds(3), Duration.ofSeconds(10));
  }

  public String awaitEnd(Duration max) throws Exception {
    return running.controller().finished().get(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  public List<TrialSnapshot> trials() {
    return running.controller().snapshots().join();
  }

  public TrialSnapshot trial(String id) {
    return trials().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  /** Polls the driver's own view until {@code test} holds for trial {@code id}. */
  public TrialSnapshot awaitTrial(String id, Predicate<TrialSnapshot> test, Duration max) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      for (TrialSnapshot t : trials()) if (t.id().equals(id) && test.test(t)) return t;
      Thread.sleep(50);
    }
    throw new AssertionError("trial " + id + " never reached the expected state; now: " + trials());
  }

  public long experimentId(String name) {
    return store.find(name).orElseThrow().id();
  }

  public static Map<String, Object> last(TrialSnapshot t) {
    return t.lastResult();
  }

  @Override public void close() throws Exception {
    if (running != null) {
      running.controller().shutdown();
      if (driver != null) driver.join(10_000);
      running.close();
    }
    store.close();
  }
}
