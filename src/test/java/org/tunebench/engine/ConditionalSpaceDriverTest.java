package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.fake.FakeExecutor;
import org.tunebench.engine.fake.FakeExecutor.FakeWorker;
import org.tunebench.engine.fake.InMemoryJournal;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.stop.StopperRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.wire.Wire;

/** A conditional space read from a spec, through the driver: each worker is given only the chosen branch. */
class ConditionalSpaceDriverTest {
  @TempDir Path tmp;

  @Test void theTrainableSeesOnlyTheActiveBranch() throws Exception {
    Path jar = Files.createFile(tmp.resolve("t.jar"));
    ObjectNode s = (ObjectNode) Wire.JSON.readTree("""
        {"name": "cond", "trainable": {"jar": "%s", "class": "T"},
         "space": {"optimizer": {"choice": [{"name": "sgd", "momentum": {"uniform": [0.5, 0.99]}},
                                            {"name": "adam", "beta1": {"uniform": [0.8, 0.99]}}]},
                   "lr": {"loguniform": [1e-4, 0.1]}},
         "metric": "score", "mode": "max", "numSamples": 12, "maxConcurrentTrials": 1,
         "search": {"type": "tpe", "seed": 3, "nStartupTrials": 4},
         "stop": {"training_iteration": 1}, "resourcesPerTrial": {"cpu": 1, "memoryMb": 64}}
        """.formatted(jar.toString().replace("\\", "\\\\")));
    ExperimentSpec spec = SpecReader.read(s, tmp, "cond");
    FakeExecutor executor = new FakeExecutor();
    DriverOptions options = DriverOptions.defaults().withGrace(Duration.ofSeconds(2), Duration.ofSeconds(2)).withKeepAlive(false);
    TuneController driver = new TuneController(spec, "T", tmp.resolve("exp"), new InMemoryJournal(), executor,
        SearcherRegistry.create(spec),
        SchedulerRegistry.create(spec, null),
        StopperRegistry.create(spec.stop(), spec.metric(), spec.mode(), spec.timeBudgetS(), options.clock()),
        new ResourcePool(4, 0, 16_000), options);
    Thread loop = new Thread(driver::run, "test-driver");
    loop.start();
    try {
      Set<Object> names = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        FakeWorker w = executor.nextWorker().started("class");
        Map<String, Object> config = w.spec.config();
        assertTrue(spec.space().contains(config), () -> "not a config of the space: " + config);
        Map<?, ?> opt = (Map<?, ?>) config.get("optimizer");
        assertEquals(opt.get("name").equals("sgd") ? Set.of("name", "momentum") : Set.of("name", "beta1"), opt.keySet());
        names.add(opt.get("name"));
        w.result("score", opt.get("name").equals("sgd") ? 1.0 : 0.0);
        w.reply();
        w.finished("returned");
      }
      assertEquals(Set.of("sgd", "adam"), names);
      assertEquals("COMPLETED", driver.finished().get(5, TimeUnit.SECONDS));
    } finally {
      if (!driver.finished().isDone()) driver.interrupt("test over").get(5, TimeUnit.SECONDS);
      loop.join(5000);
    }
  }
}
