package org.tunebench.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.EngineListener;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredEvent;
import org.tunebench.store.StoredResult;
import org.tunebench.testkit.EngineHarness;

/**
 * Issue 5's check of the XGBoost sample on real worker JVMs: the eval logloss falls with iterations, ASHA stops
 * weak trials early, and a paused trial resumes from its saved booster exactly where it left off.
 */
class XgboostSampleIT {
  @TempDir Path tmp;

  private static double evalLogloss(StoredResult r) {
    return ((Number) r.metrics().get("eval_logloss")).doubleValue();
  }

  @Test void ashaStopsWeakTrialsEarlyAndTheSurvivorsLoglossFalls() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = Samples.spec("xgboost");
      s.put("name", "xgb-asha-small").put("numSamples", 6).put("maxConcurrentTrials", 2);
      s.putObject("scheduler").put("type", "asha").put("timeAttr", "training_iteration").put("maxT", 8)
          .put("gracePeriod", 1).put("reductionFactor", 3);
      s.putObject("stop").put("training_iteration", 8);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(120)));
      long exp = h.experimentId("xgb-asha-small");

      List<String> early = new ArrayList<>();
      List<String> full = new ArrayList<>();
      for (TrialSnapshot t : h.trials()) {
        assertEquals(TrialStatus.TERMINATED, t.status(), t.id() + ": " + t.error());
        List<StoredResult> rs = h.store.results(exp, t.id());
        int last = rs.get(rs.size() - 1).iteration();
        assertEquals(rs.size(), last, t.id() + ": one stored result per iteration");
        if (last < 8) early.add(t.id()); else full.add(t.id());
        if (last == 8) {
          // (a) a trial that ran the course: its eval logloss falls from the first to the last result
          assertTrue(evalLogloss(rs.get(7)) < evalLogloss(rs.get(0)),
              t.id() + " eval_logloss " + evalLogloss(rs.get(0)) + " -> " + evalLogloss(rs.get(7)));
        }
      }
      assertFalse(early.isEmpty(), "ASHA stopped no trial before maxT");
      assertFalse(full.isEmpty(), "no trial reached maxT");
      List<StoredEvent> events = h.store.events(exp);
      for (String id : early) {
        assertTrue(events.stream().anyMatch(e -> id.equals(e.trialId()) && e.to().equals("TERMINATED")
            && e.reason().contains("asha")), id + " stopped by ASHA: " + events);
      }
      System.out.println("ASHA: stopped early " + early + ", ran to maxT " + full);
    }
  }

  @Test void aPausedTrialResumesFromItsSavedBoosterAsIfNeverInterrupted() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = Samples.spec("xgboost");
      s.put("name", "xgb-pause").put("numSamples", 2).put("maxConcurrentTrials", 2);
      ObjectNode space = s.putObject("space"); // one reasonable config, twice: trial 00001 is the reference
      space.put("eta", 0.1).put("max_depth", 4).put("subsample", 0.8).put("colsample_bytree", 0.8)
          .put("min_child_weight", 1.0).put("lambda", 1.0);
      s.putObject("scheduler").put("type", "fifo");
      s.putObject("stop").put("training_iteration", 8);
      s.putObject("checkpoint").put("frequency", 0).put("atEnd", false); // the only checkpoint: the pause's
      RunningExperiment exp = h.start(s, EngineHarness.fast());
      // ask for the pause from the driver's own result callback: it takes effect at the next result, iteration 3
      AtomicBoolean asked = new AtomicBoolean();
      exp.controller().addListener(new EngineListener() {
        @Override public void result(TrialSnapshot trial, Map<String, Object> result) {
          if (trial.id().equals("00000") && trial.iteration() >= 2 && asked.compareAndSet(false, true)) {
            exp.controller().pauseTrial("00000");
          }
        }
      });
      TrialSnapshot paused = h.awaitTrial("00000", t -> t.status() == TrialStatus.PAUSED, Duration.ofSeconds(60));
      int at = paused.iteration();
      assertTrue(at >= 2 && at < 8, "paused at iteration " + at);
      assertNotNull(paused.latestCheckpoint(), "pausing saves the booster");
      assertTrue(Files.isRegularFile(Path.of(paused.latestCheckpoint()).resolve("model.ubj")), paused.latestCheckpoint());
      exp.controller().resumeTrial("00000").join();
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(90)));

      long id = h.experimentId("xgb-pause");
      List<StoredResult> resumed = h.store.results(id, "00000");
      List<StoredResult> reference = h.store.results(id, "00001");
      assertEquals(8, resumed.size());
      assertEquals(8, reference.size());
      Map<String, Object> first = resumed.get(at).metrics(); // the first result after the resume
      assertEquals(at + 1, resumed.get(at).iteration(), "training_iteration continues");
      assertEquals(1, ((Number) first.get("iterations_since_restore")).intValue(), "a new worker, restored");
      assertEquals((at + 1) * 10, ((Number) first.get("rounds")).intValue(), "the booster kept its rounds");
      Map<Integer, Double> gap = new LinkedHashMap<>();
      for (int i = 0; i < 8; i++) {
        assertEquals(i + 1, resumed.get(i).iteration());
        double a = evalLogloss(resumed.get(i));
        double b = evalLogloss(reference.get(i));
        if (Math.abs(a - b) > 1e-9) gap.put(i + 1, a - b);
      }
      assertTrue(gap.isEmpty(), "paused-and-resumed vs uninterrupted eval_logloss differ at " + gap);
      // (a) for a reasonable config the eval logloss falls with iterations
      assertTrue(evalLogloss(reference.get(7)) < evalLogloss(reference.get(0)) - 0.1,
          evalLogloss(reference.get(0)) + " -> " + evalLogloss(reference.get(7)));

      List<String> moves = h.store.events(id).stream().filter(e -> "00000".equals(e.trialId()))
          .map(StoredEvent::to).toList();
      assertEquals(List.of("PENDING", "RUNNING", "PAUSED", "PENDING", "RUNNING", "TERMINATED"), moves);
      System.out.println("paused at " + at + ", eval_logloss " + evalLogloss(reference.get(0)) + " -> "
          + evalLogloss(reference.get(7)));
    }
  }
}
