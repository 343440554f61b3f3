package org.tunebench.ui;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/** An experiment's folder on disk (trial folders, checkpoints, logs): its size, and deleting it. Never on the FX thread. */
final class ExperimentFolder {
  private ExperimentFolder() {}

  record Usage(long bytes, long files) {}

  static Usage usage(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) return new Usage(0, 0);
    long[] acc = new long[2];
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
        acc[0] += a.size();
        acc[1]++;
        return FileVisitResult.CONTINUE;
      }
    });
    return new Usage(acc[0], acc[1]);
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) return;
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        Files.delete(f);
        return FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) throw e;
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** 12 MB, 340 kB, 18 bytes. */
  static String human(long bytes) {
    if (bytes < 1000) return bytes + " bytes";
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
