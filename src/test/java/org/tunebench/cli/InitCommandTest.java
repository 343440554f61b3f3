package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code init} writes and prints, without building it ({@link InitProjectIT} builds and runs one). */
class InitCommandTest {
  @TempDir Path tmp;

  private String init(Path dir, StringWriter err) {
    StringWriter out = new StringWriter();
    int code = TunebenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "init", dir.toString());
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  /** A folder named like a Java keyword gave {@code package com.example.int;}, which does not compile. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"int, int_", "class, class_", "new, new_", "default, default_", "Dou-ble, double_", "true, true_",
      "7up, trainable7up", "my model, mymodel"})
  void thePackageIsAValidJavaName(String folder, String part) throws Exception {
    init(tmp.resolve(folder), new StringWriter());
    Path java;
    try (var files = Files.walk(tmp.resolve(folder).resolve("src/main/java"))) {
      java = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
    }
    Matcher m = Pattern.compile("(?m)^package ([^;]+);").matcher(Files.readString(java));
    assertTrue(m.find(), java.toString());
    assertEquals("com.example." + part, m.group(1));
    assertTrue(SourceVersion.isName(m.group(1)), m.group(1));
    assertTrue(java.getParent().endsWith(Path.of("com/example", part)), java.toString());
  }

  /** The printed next step is pasted into a shell: a path with spaces or quotes must stay one word. */
  @Test void theNextStepQuotesAFolderThatNeedsIt() {
    Path spaced = tmp.resolve("it's my model");
    String out = init(spaced, new StringWriter());
    String quoted = "'" + spaced.toString().replace("'", "'\\''") + "'";
    assertTrue(out.contains("  cd " + quoted + " && mvn package && tunebench run it-s-my-model.json"), out);
    Path plain = tmp.resolve("plain-name");
    assertTrue(init(plain, new StringWriter()).contains("  cd " + plain + " && mvn package"), "no quotes where none are needed");
  }

  /** A source build has no {@code tunebench} on the PATH: the printed line names the JAR it ran from. */
  @Test void theNextStepNamesACommandThatExists() throws Exception {
    Path jar = Files.createFile(Files.createDirectories(tmp.resolve("my jars")).resolve("tunebench.jar"));
    java.security.CodeSource fromJar = new java.security.CodeSource(jar.toUri().toURL(), (java.security.cert.Certificate[]) null);
    assertEquals("java -jar '" + jar + "'", Launcher.command("/nonexistent:" + tmp, fromJar));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path command = Files.createFile(bin.resolve("tunebench"));
    assertEquals("java -jar '" + jar + "'", Launcher.command(bin.toString(), fromJar), "not executable: not a command");
    assertTrue(command.toFile().setExecutable(true));
    assertEquals("tunebench", Launcher.command("/nonexistent:" + bin, fromJar), "the installed command");
  }
}
