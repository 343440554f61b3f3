package org.tunebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks under src/bench are compiled by hand (docs/BENCHMARKS.md), not by the build, so a change of an
 * engine signature broke one unseen (HistoryOpenBench after a journal change). Every build now compiles them.
 */
class BenchSourcesCompileTest {
  @Test void everyBenchmarkCompilesAgainstTheCurrentCode(@TempDir Path out) throws Exception {
    List<String> args = new ArrayList<>(List.of("-nowarn", "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
    try (Stream<Path> s = Files.list(Path.of("src/bench/java/org/tunebench/bench"))) {
      s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(err), args.toArray(String[]::new));
    assertEquals(0, rc, err.toString());
  }
}
