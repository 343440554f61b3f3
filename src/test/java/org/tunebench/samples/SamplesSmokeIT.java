package org.tunebench.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample project, built by maven-invoker, runs a short experiment through the real CLI: its own spec
 * (jar made absolute) cut to 3 trials x 4 iterations, 2 at a time. Every trial must end TERMINATED with the
 * sample's metrics, and {@code inspect} must list the sample's trainable.
 */
class SamplesSmokeIT {
  @TempDir static Path home;
  @TempDir Path tmp;

  @BeforeAll static void quietHome() {
    System.setProperty("tunebench.home", home.toString()); // the CLI's log file goes here, not to ~/.tunebench
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "rosenbrock | org.tunebench.samples.rosenbrock.RosenbrockTrain | function API | loss f x y step",
      "logreg     | org.tunebench.samples.logreg.LogRegTrainable     | class API    | loss val_loss val_accuracy epoch",
      "xgboost    | org.tunebench.samples.xgboost.XgbTrainable       | class API    | train_logloss eval_logloss eval_error rounds",
      "pbt-mlp    | org.tunebench.samples.pbtmlp.MlpTrainable        | class API    | loss accuracy train_accuracy lr momentum updates",
      "custom-plugins | org.tunebench.samples.plugins.Bowl         | function API | loss",
  })
  void sampleRunsAShortExperimentThroughTheCli(String sample, String trainable, String api, String metrics)
      throws Exception {
    Samples.Cli inspect = Samples.cli("inspect", Samples.jar(sample).toString());
    assertEquals(0, inspect.exit(), inspect.err());
    assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith(trainable) && l.contains(api)), inspect.out());

    ObjectNode spec = Samples.spec(sample);
    spec.put("numSamples", 3).put("maxConcurrentTrials", 2);
    spec.putObject("stop").put("training_iteration", 4);
    Path file = Samples.write(tmp, spec);
    String db = tmp.resolve("db").toString();
    String name = spec.path("name").asText();

    Samples.Cli run = Samples.cli("run", file.toString(), "--db", db);
    assertEquals(0, run.exit(), "run " + sample + ":\n" + run.out() + run.err());

    Samples.Cli show = Samples.cli("show", name, "--format", "json", "--db", db);
    assertEquals(0, show.exit(), show.err());
    JsonNode json = show.json();
    assertEquals(spec.path("metric").asText(), json.path("experiment").path("metric").asText());
    JsonNode trials = json.path("trials");
    assertEquals(3, trials.size(), show.out());
    for (JsonNode t : trials) {
      String id = t.path("id").asText();
      assertEquals("TERMINATED", t.path("status").asText(), id + ": " + t.path("error"));
      assertTrue(t.path("iterations").asInt() >= 1 && t.path("iterations").asInt() <= 4, id + " " + t);
      JsonNode last = t.path("last");
      for (String key : List.of(metrics.split(" "))) {
        assertTrue(last.has(key), id + " last result lacks '" + key + "': " + last);
      }
      assertEquals(t.path("iterations").asInt(), last.path("training_iteration").asInt());
      assertTrue(t.path("best").isNumber(), id + " best " + t.path("best"));
    }
  }
}
