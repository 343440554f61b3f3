package org.tunebench.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tunebench.cli.TunebenchMain;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** The sample projects as the invoker built them in place: their specs, jars and the CLI around them. */
final class Samples {
  private Samples() {}

  static Path dir(String sample) {
    return TestJars.projectDir().resolve("sample-projects").resolve(sample);
  }

  static Path jar(String sample) {
    Path jar = dir(sample).resolve("target").resolve(sample + "-trainable.jar");
    assertTrue(Files.isRegularFile(jar), jar + " missing: the samples are built by maven-invoker in pre-integration-test");
    return jar;
  }

  /** The sample's own spec JSON, with {@code trainable.jar} made absolute so that a copy runs from anywhere. */
  static ObjectNode spec(String sample) throws Exception {
    Path file = dir(sample).resolve(sample + ".json");
    ObjectNode s = (ObjectNode) Wire.JSON.readTree(Files.readString(file));
    ObjectNode t = (ObjectNode) s.get("trainable");
    t.put("jar", jar(sample).toAbsolutePath().toString());
    return s;
  }

  static Path write(Path dir, ObjectNode spec) throws Exception {
    Path f = dir.resolve(spec.path("name").asText() + ".json");
    Files.writeString(f, Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    return f;
  }

  /** One CLI call, in process. */
  record Cli(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return Wire.JSON.readTree(out);
    }
  }

  static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      rc = TunebenchMain.execute(o, e, args);
    }
    return new Cli(rc, out.toString(), err.toString());
  }
}
