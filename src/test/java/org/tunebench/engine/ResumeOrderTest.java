package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.fake.FakeExecutor;
import org.tunebench.engine.fake.FakeExecutor.FakeWorker;
import org.tunebench.engine.fake.InMemoryJournal;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.stop.StopperRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentStatus;
import org.tunebench.model.SpecReader;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Wire;

/** After a resume, what ran when the driver stopped runs again before the scheduler picks among the rest. */
class ResumeOrderTest {
  @TempDir Path tmp;
  private final FakeExecutor executor = new FakeExecutor();
  private final InMemoryJournal journal = new InMemoryJournal();

  @Test void theTrialThatRanRestartsBeforeOneThatWaited() throws Exception {
    Path jar = Files.createFile(tmp.resolve("t.jar"));
    ObjectNode s = (ObjectNode) Wire.JSON.readTree("""
        {"name": "order", "metric": "score", "mode": "max", "numSamples": 1, "maxConcurrentTrials": 1,
         "search": {"type": "random", "seed": 1}, "space": {"x": {"choice": [1, 2]}},
         "scheduler": {"type": "pbt", "timeAttr": "training_iteration", "perturbationInterval": 2, "seed": 3,
                       "hyperparamMutations": {"x": [1, 2]}},
         "checkpoint": {"frequency": 1}, "resourcesPerTrial": {"cpu": 1, "memoryMb": 64}}""");
    s.putObject("trainable").put("jar", jar.toString()).put("class", "T");
    ExperimentSpec spec = SpecReader.read(s, tmp, "order");

    TuneController first = driver(spec, false);
    Thread loop = new Thread(first::run);
    loop.start();
    FakeWorker w = executor.nextWorker().started("class");
    for (int it = 1; it <= 3; it++) {
      w.result("score", it * 0.1);
      ObjectNode reply = w.reply();
      assertEquals(Msg.CONTINUE, reply.path("type").asText(), "iteration " + it);
      Path d = Files.createDirectories(Path.of(reply.get("checkpoint").asText()));
      w.checkpointed(d);
    }
    // a trial the user adds waits for the one slot; PBT would pick it first (it has trained least)
    String added = first.addTrial(Map.of("x", 2)).get(5, TimeUnit.SECONDS);
    first.interrupt("test interrupts").get(5, TimeUnit.SECONDS);
    loop.join(5000);

    TuneController second = driver(spec, true);
    for (TrialSnapshot t : new TreeMap<>(journal.trials).values()) {
      List<CheckpointRef> refs = new ArrayList<>();
      for (InMemoryJournal.Checkpoint c : journal.checkpointRows) {
        if (c.trialId().equals(t.id())) refs.add(new CheckpointRef(c.iteration(), c.timeTotalS(), Path.of(c.path())));
      }
      second.restoreTrial(t, refs);
    }
    loop = new Thread(second::run);
    loop.start();
    FakeWorker again = executor.nextWorker();
    assertEquals("00000", again.spec.trialId(), "the trial that ran comes back first, not " + added);
    assertEquals("checkpoint_000003", again.spec.restore().getFileName().toString());
    second.interrupt("test over").get(5, TimeUnit.SECONDS);
    loop.join(5000);
  }

  private TuneController driver(ExperimentSpec spec, boolean resume) throws Exception {
    DriverOptions options = DriverOptions.defaults();
    TrialScheduler scheduler = SchedulerRegistry.create(spec, null);
    var searcher = SearcherRegistry.create(spec);
    var stopper = StopperRegistry.create(spec.stop(), spec.metric(), spec.mode(), spec.timeBudgetS(), options.clock());
    if (resume) {
      scheduler.restore(Wire.JSON.readTree(journal.schedulerState.toString()));
      searcher.restore(Wire.JSON.readTree(journal.searcherState.toString()), journal.searcherEntries);
    }
    return new TuneController(spec, "T", tmp.resolve("exp"), journal, executor, searcher, scheduler, stopper,
        new ResourcePool(4, 0, 16_000), options, resume ? ExperimentStatus.INTERRUPTED : ExperimentStatus.CREATED);
  }
}
