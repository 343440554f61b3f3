package org.tunebench.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The command a user types to call Tunebench again, for the lines that tell them what to type next. */
final class Launcher {
  private Launcher() {}

  /**
   * How to call Tunebench again from anywhere: {@code tunebench} when that is on the PATH (the installed package),
   * else {@code java -jar} with the absolute path of the JAR this runs from (a source build has no command on the
   * PATH, and the printed line must work when pasted).
   */
  static String command() {
    return command(System.getenv("PATH"), Launcher.class.getProtectionDomain().getCodeSource());
  }

  static String command(String pathVariable, java.security.CodeSource source) {
    if (pathVariable != null) {
      for (String d : pathVariable.split(java.io.File.pathSeparator)) {
        if (d.isEmpty()) continue;
        Path p = Path.of(d, "tunebench");
        if (Files.isRegularFile(p) && Files.isExecutable(p)) return "tunebench";
      }
    }
    try {
      Path jar = source == null ? null : Path.of(source.getLocation().toURI());
      if (jar != null && jar.getFileName().toString().endsWith(".jar") && Files.isRegularFile(jar)) {
        return "java -jar " + InitCommand.shellWord(jar.toAbsolutePath().normalize().toString());
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // not run from a JAR file (tests, an IDE): the command's own name is the best guess left
    }
    return "tunebench";
  }

}
