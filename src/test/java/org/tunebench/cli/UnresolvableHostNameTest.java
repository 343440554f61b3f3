package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** A machine whose own host name does not resolve (only localhost does) still runs and lists experiments. */
class UnresolvableHostNameTest {
  @TempDir Path tmp;

  @Test void runAndListWorkWhenTheHostNameDoesNotResolve() throws Exception {
    Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "nohost");
    s.putObject("stop").put("training_iteration", 3);
    Path spec = tmp.resolve("nohost.json");
    Files.writeString(spec, Wire.JSON.writeValueAsString(s));
    String db = tmp.resolve("db/tb.mv.db").toString();
    for (List<String> args : List.of(List.of("run", spec.toString(), "--db", db), List.of("list", "--db", db))) {
      List<String> cmd = TwoProcessesTest.command(tmp.resolve("home"), args.toArray(String[]::new));
      cmd.add(1, "-Djdk.net.hosts.file=" + hosts);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile())
          .start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), Files.readString(tmp.resolve("out.log")));
      String out = Files.readString(tmp.resolve("out.log"));
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("nohost"), out);
    }
  }
}
