package org.tunebench.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.PluginLoaders;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.stop.StopperRegistry;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.FloatRange;
import org.tunebench.model.SpecException;
import org.tunebench.wire.Wire;

/**
 * The custom-plugins sample: a user's searcher ({@code halton}) and stopper ({@code patience}) shipped in the
 * trainable's own JAR are found by type name and drive a real experiment (worker JVMs, through the CLI); the
 * same JAR on the plug-in path offers them to any experiment.
 */
class CustomPluginsSampleIT {
  @TempDir static Path home;
  @TempDir Path tmp;

  @BeforeAll static void quietHome() {
    System.setProperty("tunebench.home", home.toString());
  }

  /** Halton's radical inverse, written here again so the test does not trust the plug-in's own. */
  private static double radicalInverse(int n, int base) {
    double r = 0;
    double f = 1.0 / base;
    for (int i = n; i > 0; i /= base, f /= base) r += f * (i % base);
    return r;
  }

  @Test void theUsersSearcherAndStopperFromTheTrainableJarRunTheExperiment() throws Exception {
    ObjectNode spec = Samples.spec("custom-plugins");
    Path file = Samples.write(tmp, spec);
    String db = tmp.resolve("db").toString();

    Samples.Cli run = Samples.cli("run", file.toString(), "--db", db);
    assertEquals(0, run.exit(), run.out() + run.err());
    Samples.Cli show = Samples.cli("show", "custom-plugins", "--format", "json", "--db", db);
    assertEquals(0, show.exit(), show.err());
    JsonNode trials = show.json().path("trials");
    assertEquals(6, trials.size(), show.out());

    FloatRange unit = FloatRange.uniform(-1, 1);
    for (int i = 0; i < trials.size(); i++) {
      JsonNode t = trials.get(i);
      // the searcher's points, in order: Halton bases 2 and 3 from n = 1
      assertEquals((double) unit.fromUnit(radicalInverse(i + 1, 2)), t.path("config").path("x").asDouble(), 1e-12, t.toString());
      assertEquals((double) unit.fromUnit(radicalInverse(i + 1, 3)), t.path("config").path("y").asDouble(), 1e-12, t.toString());
      assertEquals("TERMINATED", t.path("status").asText(), t.toString());
      // loss falls for 4 iterations (warmup), then stays: patience 2 ends the trial at iteration 6, not 30
      assertEquals(6, t.path("iterations").asInt(), t.toString());
      assertTrue(t.path("endReason").asText().contains("stop condition met at iteration 6"), t.toString());
    }
  }

  @Test void aJarOnThePluginPathOffersItsTypesToAnyExperiment() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(Samples.jar("custom-plugins"), folder.resolve("custom-plugins.jar"));
    ClassLoader loader = PluginLoaders.of(null, PluginLoaders.fromEnvironment(folder.toString()));
    assertTrue(SearcherRegistry.types(loader).containsAll(List.of("random", "grid", "tpe", "gp", "halton")),
        SearcherRegistry.types(loader).toString());
    JsonNode stop = Wire.JSON.readTree("{\"type\": \"patience\", \"patience\": 0}");
    SpecException bad = assertThrows(SpecException.class,
        () -> StopperRegistry.create(stop, "loss", Mode.MIN, null, InstantSource.system(), loader));
    assertEquals("$.stop.patience", bad.path(), bad.getMessage());

    SpecException unknown = assertThrows(SpecException.class,
        () -> StopperRegistry.create(stop, "loss", Mode.MIN, null, InstantSource.system(), null));
    assertEquals("$.stop.type", unknown.path());
    assertTrue(unknown.getMessage().contains(PluginLoaders.ENV), unknown.getMessage());

    SpecException missing = assertThrows(SpecException.class,
        () -> PluginLoaders.fromEnvironment(tmp.resolve("nowhere").toString()));
    assertEquals(PluginLoaders.ENV, missing.path());
  }
}
