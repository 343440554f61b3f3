package org.tunebench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.model.SpecReader;
import org.tunebench.store.StoredExperiment;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/** search.warmStart feeds earlier trials to TPE; the scheduler's state is stored for resume. */
class WarmStartAndResumeStateTest {
  @TempDir Path tmp;

  private static ObjectNode spec(Path jar, String name) {
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", name);
    s.with("space").putObject("slope").putArray("uniform").add(0.1).add(2.0);
    s.putObject("stop").put("training_iteration", 2);
    s.put("numSamples", 4);
    s.putObject("search").put("type", "tpe").put("seed", 3).put("nStartupTrials", 2);
    s.putObject("scheduler").put("type", "asha").put("maxT", 2).put("gracePeriod", 1);
    return s;
  }

  @Test void laterExperimentsStartFromEarlierTrialsAndSchedulerStateIsKept() throws Exception {
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    try (EngineHarness first = new EngineHarness(tmp)) {
      first.start(spec(jar, "first"), EngineHarness.fast());
      assertEquals("COMPLETED", first.awaitEnd(Duration.ofSeconds(60)));
    }
    try (EngineHarness second = new EngineHarness(tmp)) {
      ObjectNode s = spec(jar, "second");
      s.with("search").put("warmStart", true);
      second.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", second.awaitEnd(Duration.ofSeconds(60)));
      StoredExperiment e = second.store.find("second").orElseThrow();
      // the history is stored as entries, one per warm-start point, suggestion and end
      List<String> entries = second.store.searcherEntries(e.id());
      long warm = entries.stream().filter(x -> SpecReader.parseJson(x).has("warm")).count();
      assertEquals(4, warm, "the first experiment's four trials were fed: " + entries);
      JsonNode state = SpecReader.parseJson(e.searcherState());
      assertEquals(entries.size(), state.path("entries").asInt(), "the state counts the stored entries: " + state);
      assertNotNull(e.schedulerState(), "ASHA's rungs are stored for resume");
      assertTrue(SpecReader.parseJson(e.schedulerState()).toString().contains("0000"), e.schedulerState());

      ObjectNode bad = spec(jar, "third");
      bad.with("search").put("warmStart", "nobody");
      BadInputException x = assertThrows(BadInputException.class, () -> second.start(bad, EngineHarness.fast()));
      assertTrue(x.getMessage().startsWith("$.search.warmStart: no experiment 'nobody'"), x.getMessage());
    }
  }
}
