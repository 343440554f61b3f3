package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code run --name} follows the rules of the spec's name: '.' and '..' used to pass on the command line. */
class RunNameTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {
      "..     | nor be '.' or '..'; got \"..\"",
      ".      | nor be '.' or '..'; got \".\"",
      "a/b    | must not contain '/'",
      "-x     | must not start with '-', which commands such as show NAME take for an option; got \"-x\"",
      "' '    | expected a non-empty name"})
  void aNameTheSpecWouldRefuseIsRefused(String name, String message) throws Exception {
    Path spec = Files.writeString(tmp.resolve("ok.json"),
        "{\"trainable\": {\"jar\": \"t.jar\"}, \"space\": {\"x\": 1}, \"metric\": \"loss\", \"mode\": \"min\"}");
    CliTest.Run r = CliTest.cli("run", spec.toString(), "--name=" + name, "--db", tmp.resolve("db").toString());
    assertEquals(2, r.code(), r.err());
    String line = r.err().strip();
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.startsWith("tunebench: --name: ") && line.contains(message), line);
    assertFalse(Files.exists(tmp.resolve("db.mv.db")), "nothing was stored");
  }
}
