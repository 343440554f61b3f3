package org.tunebench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Checkpoint folders on disk. */
final class Checkpoints {
  private Checkpoints() {}

  static void copy(Path from, Path to) throws IOException {
    if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) return;
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) org.tunebench.wire.PrivateFiles.directory(target);
        else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover folder wastes disk but loses nothing; the index no longer points at it
    }
  }
}
