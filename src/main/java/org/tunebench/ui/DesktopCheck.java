package org.tunebench.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the JavaFX workbench needs from a Linux desktop, checked before the toolkit starts: the toolkit itself
 * reports a missing display or library with dozens of lines of stack trace, users need one line.
 */
public final class DesktopCheck {
  /** Shared libraries the GTK toolkit loads, with the Debian/Ubuntu package that holds each. */
  static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("libgtk-3.so.0", "libgtk-3-0");
    LIBRARIES.put("libpangoft2-1.0.so.0", "libpangoft2-1.0-0");
    LIBRARIES.put("libXtst.so.6", "libxtst6");
  }

  private static final List<String> LIBRARY_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
      "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib");

  private DesktopCheck() {}

  /** Null when the workbench can start here, otherwise one line saying what is missing and how to get it. */
  public static String problemHere() {
    return problem(System.getProperty("os.name", ""), System.getenv(), System.getProperty("glass.platform"),
        installedLibraries(System.getenv("LD_LIBRARY_PATH"))::contains);
  }

  static String problem(String os, Map<String, String> env, String glassPlatform, Predicate<String> hasLibrary) {
    // Monocle (headless tests) and the macOS/Windows toolkits need neither X11 nor GTK.
    if (!os.toLowerCase().contains("linux") || "Monocle".equalsIgnoreCase(glassPlatform)) {
      return null;
    }
    List<String> missing = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    LIBRARIES.forEach((lib, pkg) -> {
      if (!hasLibrary.test(lib)) {
        missing.add(lib);
        packages.add(pkg);
      }
    });
    String display = env.get("DISPLAY");
    boolean noDisplay = display == null || display.isBlank();
    if (missing.isEmpty() && !noDisplay) {
      return null;
    }
    StringBuilder line = new StringBuilder("the workbench cannot start: ");
    if (!missing.isEmpty()) {
      line.append("missing ").append(String.join(", ", missing)).append(" (on Debian/Ubuntu: sudo apt-get install -y ")
          .append(String.join(" ", packages)).append("; elsewhere install GTK 3 and libXtst)");
    }
    if (noDisplay) {
      if (!missing.isEmpty()) line.append("; ");
      line.append("no display (DISPLAY is not set): start it from a desktop session or over ssh -X, "
          + "or use 'tunebench run SPEC' without a window");
    }
    return line.toString();
  }

  /** Sonames the dynamic linker can find: its cache ({@code ldconfig -p}), else the usual directories. */
  static Set<String> installedLibraries(String ldLibraryPath) {
    Set<String> found = new TreeSet<>(fromLdconfig());
    List<String> dirs = new ArrayList<>(LIBRARY_DIRS);
    if (ldLibraryPath != null) {
      dirs.addAll(0, List.of(ldLibraryPath.split(":")));
    }
    for (String dir : dirs) {
      for (String lib : LIBRARIES.keySet()) {
        if (!dir.isBlank() && Files.exists(Path.of(dir, lib))) found.add(lib);
      }
    }
    return found;
  }

  private static Set<String> fromLdconfig() {
    Set<String> names = new TreeSet<>();
    for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
      if (!Files.isExecutable(Path.of(exe))) continue;
      try {
        Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        for (String line : out.split("\n")) {
          String t = line.strip();
          int sp = t.indexOf(' ');
          if (sp > 0) names.add(t.substring(0, sp));
        }
        return names;
      } catch (IOException e) {
        return names;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return names;
      }
    }
    return names;
  }
}
