package org.tunebench.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A small, fast subset of the torture harness (src/bench Torture, docs/BENCHMARKS.md) on every build: the
 * harness is compiled as the documented command does and run against the packaged jar.
 */
class TortureSubsetIT {
  @TempDir static Path classes;

  @BeforeAll static void compileHarness() throws Exception {
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", jar().toString()));
    try (Stream<Path> s = Files.list(Path.of("src/bench/java/org/tunebench/bench"))) {
      s.filter(p -> p.getFileName().toString().matches("Torture.java|BenchJars.java|Hostility.java")).forEach(p -> args.add(p.toString()));
    }
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)));
  }

  private static Path jar() {
    return Path.of("target/tunebench.jar").toAbsolutePath();
  }

  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"driver-kill, 2", "worker-kill, 1", "sigterm, 1"})
  void theHistoryStaysTrue(String scenario, int runs) throws Exception {
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        classes + File.pathSeparator + jar(), "org.tunebench.bench.Torture", scenario, Integer.toString(runs), "3")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("| " + scenario + " | " + runs + " | " + runs + " |"), out);
  }
}
