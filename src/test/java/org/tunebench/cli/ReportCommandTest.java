package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** {@code tunebench report} on an experiment run through real workers: a self-contained HTML file. */
class ReportCommandTest {
  @TempDir static Path jars;
  static Path fixture;
  @TempDir Path tmp;

  @BeforeAll static void buildJars() throws Exception {
    fixture = TestJars.build(jars, "fixture", "fixture.jar", List.of("fixture.Scripted", "fixture.ScriptedFunction"));
  }

  static CliTest.Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TunebenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliTest.Run(code, out.toString(), err.toString());
  }

  @Test void writesOneFileWithSummaryBestTrialChartsAndEveryTrial() throws Exception {
    ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "rep");
    s.putObject("stop").put("training_iteration", 4);
    s.with("space").putObject("slope").putArray("uniform").add(0.5).add(2.0);
    s.with("space").putObject("opt").putArray("choice").add("adam").add("sgd");
    s.put("numSamples", 6);
    Path spec = Files.writeString(tmp.resolve("rep.json"), Wire.JSON.writeValueAsString(s));
    String db = tmp.resolve("db/tb").toString();
    CliTest.Run run = cli("run", spec.toString(), "--db", db);
    assertEquals(0, run.code(), run.err() + run.out());

    Path out = tmp.resolve("out/rep.html");
    CliTest.Run rep = cli("report", "rep", "--db", db, "--out", out.toString());
    assertEquals(0, rep.code(), rep.err());
    assertTrue(rep.out().contains("wrote " + out), rep.out());
    String html = Files.readString(out);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"),
        "self-contained: no scripts, no external files");
    CliTest.Run show = cli("show", "rep", "--db", db, "--format", "json");
    var trials = Wire.JSON.readTree(show.out()).path("trials");
    double best = Double.NEGATIVE_INFINITY;
    String bestId = null;
    for (var t : trials) {
      assertTrue(html.contains("<td>" + t.path("id").asText() + "</td>"), "every trial is in the table");
      if (t.path("best").asDouble() > best) {
        best = t.path("best").asDouble();
        bestId = t.path("id").asText();
      }
    }
    assertTrue(html.contains("<tr><th>trial</th><td>" + bestId + "</td></tr><tr><th>score</th><td>"
        + org.tunebench.model.NumberText.format(best) + "</td>"), "the best trial (mode max) and its metric are named");
    // numbers read as in the workbench's table, the same in every table: no full precision, no "9.0"
    assertTrue(html.contains("<td class=\"n\">" + org.tunebench.model.NumberText.format(best) + "</td>"), "the trials table agrees");
    Matcher raw = Pattern.compile(">-?\\d+\\.(\\d{5,}|0)(e-?\\d+)?<").matcher(html);
    assertFalse(raw.find(), () -> "a number at full precision or with a trailing .0: " + raw.group());
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(1));
      assertEquals('P', png[1]);
      images++;
    }
    assertTrue(images >= 6, "best so far, intermediate values, importance, slices, contour, parallel, EDF: " + images);
    assertTrue(html.contains("alt=\"Parameter importance\"") && html.contains("alt=\"slope vs score\""), "charts by name");
  }

  @Test void anUnknownExperimentIsAOneLineError() throws Exception {
    Files.createDirectories(tmp.resolve("db"));
    org.tunebench.store.ExperimentStore.open(tmp.resolve("db/tb.mv.db")).close();
    CliTest.Run r = cli("report", "nobody", "--db", tmp.resolve("db/tb").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().strip().contains("no experiment 'nobody'") && !r.err().strip().contains("\n"), r.err());
  }
}
