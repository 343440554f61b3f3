package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunebench gui} where it cannot open a window: one line, exit 2, never a stack trace. */
class GuiCommandTest {
  @TempDir Path tmp;

  record Result(int code, String output) {}

  /** A real CLI process without DISPLAY and without the headless test toolkit the test JVM runs on. */
  private Result gui(String... args) throws Exception {
    List<String> cp = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!p.endsWith("test-classes")) cp.add(p);
    }
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
        "-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, cp), TunebenchMain.class.getName(), "gui"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("DISPLAY");
    pb.environment().put("TUNEBENCH_HOME", tmp.resolve("home").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gui did not exit: " + out);
    return new Result(p.exitValue(), out);
  }

  @Test void withoutADisplayItSaysSoInOneLineAndExits2() throws Exception {
    Result r = gui("--db", tmp.resolve("db/tb").toString());
    assertEquals(2, r.code(), r.output());
    assertEquals(1, r.output().strip().lines().count(), r.output());
    assertTrue(r.output().startsWith("tunebench: the workbench cannot start: "), r.output());
    assertTrue(r.output().contains("DISPLAY is not set"), r.output());
    assertFalse(r.output().contains("Exception"), r.output());
  }

  @Test void aMissingSpecFileIsReportedBeforeTheDisplay() throws Exception {
    Result r = gui("nope.json", "--db", tmp.resolve("db/tb").toString());
    assertEquals(2, r.code(), r.output());
    assertEquals("tunebench: spec file not found: nope.json (give the path of an experiment spec JSON)",
        r.output().strip());
  }
}
