package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.FileHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  @TempDir Path tmp;

  @Test void aSecondProcessesLogAndTheLockFilesAreOwnerOnlyToo() throws Exception {
    Path log = tmp.resolve("tunebench.log");
    FileHandler first = TunebenchMain.openLog(log);
    // the first still holds the lock: the second writes tunebench.log.1, as a second process would
    FileHandler second = TunebenchMain.openLog(log);
    try {
      assertTrue(Files.exists(tmp.resolve("tunebench.log.1")), "the handler took the next name");
      List<Path> files;
      try (var s = Files.list(tmp)) {
        files = s.toList();
      }
      for (Path f : files) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.getFileName().toString());
      }
    } finally {
      second.close();
      first.close();
    }
  }
}
