package org.tunebench.engine.stop;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.tunebench.engine.PluginSave;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Stopper} must do: each implementation's test extends this (metric "acc"). */
abstract class StopperContractTest {
  protected final FakeClock clock = new FakeClock();

  protected abstract Stopper newStopper();

  @Test
  void resultsWithoutOrWithANonNumericMetricAreAccepted() {
    Stopper s = newStopper();
    assertDoesNotThrow(() -> s.stopTrial("t", Map.of()));
    assertDoesNotThrow(() -> s.stopTrial("t", Map.of("acc", "n/a", "training_iteration", 1)));
    assertDoesNotThrow(s::stopAll);
  }

  @Test
  void stopAllCanBeAskedBeforeAnyResult() {
    assertDoesNotThrow(() -> newStopper().stopAll());
  }

  /**
   * Resume equivalence: a deterministic stream of results from four trials (one leaves early and is
   * forgotten; one reports no metric now and then), with the clock moving between them, gives the same
   * decisions when the stopper is saved to JSON text and restored into a fresh one at any of several points.
   */
  @Test
  void aSavedAndRestoredStopperDecidesAsAnUninterruptedOne() throws Exception {
    List<String> uninterrupted = run(-1);
    for (int at : new int[] {0, 1, 9, 17, 30}) assertEquals(uninterrupted, run(at), "restored after step " + at);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STEPS = 48;

  /** The stopper for the resume test; override when the default one would never decide on its stream. */
  protected Stopper newResumeStopper() {
    return newStopper();
  }

  /**
   * The same through what the driver stores (decision 0019): after every result the stopper's
   * {@code saveChanges()} goes to a store (a whole state replaces what is there, entries are appended), and the
   * fresh stopper is restored from that store's state and entries, as a resume after a hard kill reads them.
   */
  @Test
  void storedChangesRestoreAStopperThatDecidesAsAnUninterruptedOne() throws Exception {
    List<String> uninterrupted = run(-1);
    for (int at : new int[] {0, 1, 9, 17, 30}) assertEquals(uninterrupted, run(at, true), "restored after step " + at);
  }

  private List<String> run(int restoreAfter) throws Exception {
    return run(restoreAfter, false);
  }

  private List<String> run(int restoreAfter, boolean fromChanges) throws Exception {
    JsonNode storedState = null;
    List<JsonNode> storedEntries = new ArrayList<>();
    Stopper s = newResumeStopper();
    Map<String, Integer> iter = new HashMap<>();
    List<String> decisions = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      String id = "t" + (step % 4);
      if (id.equals("t3") && step > 20) id = "t4"; // t3 left the experiment
      if (step == 21) s.forget("t3");
      int i = iter.merge(id, 1, Integer::sum);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("training_iteration", i);
      // curves that flatten out at different levels, so plateau stoppers have something to find
      if (step % 7 != 5) result.put("acc", Math.round(1000 * (0.95 - 0.5 * Math.exp(-i / (1.5 + step % 4)))) / 1000.0);
      clock.advance(Duration.ofSeconds(3));
      decisions.add(step + ":" + s.stopTrial(id, result) + "/" + s.stopAll());
      if (fromChanges) {
        PluginSave save = s.saveChanges();
        if (save.replaces()) {
          storedState = save.state() == null ? null : JSON.readTree(save.state().toString());
          storedEntries.clear();
        }
        for (JsonNode e : save.appended()) storedEntries.add(JSON.readTree(e.toString()));
      }
      if (step == restoreAfter) {
        Stopper fresh = newResumeStopper();
        if (fromChanges) {
          fresh.restore(storedState, storedEntries);
        } else {
          JsonNode saved = s.save();
          fresh.restore(saved == null ? null : JSON.readTree(saved.toString()));
        }
        s = fresh;
      }
    }
    return decisions;
  }
}
