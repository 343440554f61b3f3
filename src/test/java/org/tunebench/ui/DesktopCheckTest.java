package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesktopCheckTest {
  private static final Set<String> ALL = DesktopCheck.LIBRARIES.keySet();

  @Test void aLinuxDesktopWithEverythingPasses() {
    assertNull(DesktopCheck.problem("Linux", Map.of("DISPLAY", ":0"), null, ALL::contains));
  }

  @Test void noDisplayIsOneLineSayingSoAndWhatToDoInstead() {
    String p = DesktopCheck.problem("Linux", Map.of(), null, ALL::contains);
    assertTrue(p.contains("no display (DISPLAY is not set)"), p);
    assertTrue(p.contains("tunebench run"), p);
    assertFalse(p.contains("\n"), p);
  }

  @Test void missingLibrariesNameTheFilesAndTheExactInstallCommand() {
    Set<String> onlyGtk = Set.of("libgtk-3.so.0");
    String p = DesktopCheck.problem("Linux", Map.of("DISPLAY", ":1"), null, onlyGtk::contains);
    assertEquals("the workbench cannot start: missing libpangoft2-1.0.so.0, libXtst.so.6 (on Debian/Ubuntu: "
        + "sudo apt-get install -y libpangoft2-1.0-0 libxtst6; elsewhere install GTK 3 and libXtst)", p);
  }

  @Test void bothProblemsAreReportedInTheSameLine() {
    String p = DesktopCheck.problem("Linux", Map.of("DISPLAY", " "), null, lib -> false);
    assertTrue(p.contains("libgtk-3-0 libpangoft2-1.0-0 libxtst6") && p.contains("no display"), p);
    assertFalse(p.contains("\n"), p);
  }

  @Test void headlessMonocleAndOtherSystemsAreNotChecked() {
    assertNull(DesktopCheck.problem("Linux", Map.of(), "Monocle", lib -> false));
    assertNull(DesktopCheck.problem("Mac OS X", Map.of(), null, lib -> false));
    assertNull(DesktopCheck.problem("Windows 11", Map.of(), null, lib -> false));
  }

  @Test void theLinkerCacheOfThisMachineIsRead() {
    // libc is on every Linux machine that runs this test; the scan must see at least the libraries it checks
    // that are present in the usual directories, so compare with a direct look.
    Set<String> found = DesktopCheck.installedLibraries(null);
    for (String lib : ALL) {
      boolean onDisk = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu", lib))
          || java.nio.file.Files.exists(java.nio.file.Path.of("/lib/x86_64-linux-gnu", lib));
      if (onDisk) assertTrue(found.contains(lib), lib + " is on disk but was not found");
    }
  }
}
