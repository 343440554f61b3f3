package org.tunebench.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;

class ExperimentClockTest {
  static ExperimentSpec spec(String json) throws Exception {
    ObjectNode n = (ObjectNode) new ObjectMapper().readTree(json);
    return SpecReader.read(n, Path.of("."), "t");
  }

  static final String BASE = "\"trainable\": {\"jar\": \"x.jar\"}, \"space\": {\"x\": {\"uniform\": [0, 1]}}, \"metric\": \"loss\", \"mode\": \"min\"";

  @Test void elapsedStopsAtTheEnd() {
    Instant s = Instant.parse("2026-01-01T00:00:00Z");
    Instant end = s.plusSeconds(11);
    assertEquals(Duration.ofSeconds(11), ExperimentClock.elapsed(s, end, s.plusSeconds(52)));
    assertEquals(Duration.ofSeconds(52), ExperimentClock.elapsed(s, null, s.plusSeconds(52)));
  }

  @Test void maxIterationsComesFromStopOrMaxT() throws Exception {
    assertEquals(50, ExperimentClock.maxIterationsPerTrial(spec("{" + BASE + ", \"stop\": {\"training_iteration\": 50}}")).getAsLong());
    assertEquals(30, ExperimentClock.maxIterationsPerTrial(spec("{" + BASE + ", \"stop\": {\"training_iteration\": 50}, \"scheduler\": {\"type\": \"asha\", \"maxT\": 30}}")).getAsLong());
    assertEquals(7, ExperimentClock.maxIterationsPerTrial(spec("{" + BASE + ", \"stop\": [{\"type\": \"maximum_iteration\", \"maxIter\": 7}]}")).getAsLong());
    assertFalse(ExperimentClock.maxIterationsPerTrial(spec("{" + BASE + "}")).isPresent());
  }

  @Test void etaFromIterationsLeftNotFromTrialsDone() {
    // 100 iterations in 10 s; 300 still allowed: 30 s, however many trials a scheduler already stopped
    assertEquals(Duration.ofSeconds(30), ExperimentClock.eta(Duration.ofSeconds(10), 100, 300, null));
    assertEquals(Duration.ofSeconds(5), ExperimentClock.eta(Duration.ofSeconds(10), 100, 300, 15.0), "the budget caps it");
    assertNull(ExperimentClock.eta(Duration.ofSeconds(10), 100, -1, null), "unbounded: no ETA");
    assertNull(ExperimentClock.eta(Duration.ofSeconds(10), 0, 300, null), "no pace yet: no ETA");
    assertEquals(Duration.ZERO, ExperimentClock.eta(Duration.ofSeconds(10), 100, 0, null));
  }

  @Test void finalStatuses() {
    assertTrue(ExperimentClock.isFinal("COMPLETED"));
    assertTrue(ExperimentClock.isFinal("STOPPED"));
    assertFalse(ExperimentClock.isFinal("PAUSED"));
    assertFalse(ExperimentClock.isFinal("RUNNING"));
  }

  @Test void outcomeTellsCompletedFromStoppedEarly() {
    assertFalse(TrialOutcome.stoppedEarly(TrialStatus.TERMINATED, "stop condition met"));
    assertFalse(TrialOutcome.stoppedEarly(TrialStatus.TERMINATED, "trainable finished"));
    assertFalse(TrialOutcome.stoppedEarly(TrialStatus.TERMINATED, "reported done"));
    assertTrue(TrialOutcome.stoppedEarly(TrialStatus.TERMINATED, "stopped by asha scheduler at rung 2"));
    assertTrue(TrialOutcome.stoppedEarly(TrialStatus.TERMINATED, "stopped by user"));
    assertTrue(TrialOutcome.stoppedEarly(TrialStatus.TERMINATED, "experiment stop condition met (time budget 60 s)"));
    assertEquals("DONE", TrialOutcome.label(TrialStatus.TERMINATED, null));
    assertEquals("STOPPED", TrialOutcome.label(TrialStatus.TERMINATED, "stopped by user"));
    assertEquals("RUNNING", TrialOutcome.label(TrialStatus.RUNNING, null));
  }
}
