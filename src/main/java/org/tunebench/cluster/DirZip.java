package org.tunebench.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Folders (checkpoints) as zip files, to carry them between driver and agent ({@link Transfers}): streamed from
 * and to disk, so their size is bounded by the disk, not the heap (zip64 past 4 GB).
 */
final class DirZip {
  private DirZip() {}

  /** Zips {@code dir} into a new temporary file under {@code tmpDir}; the caller deletes it. */
  static Path pack(Path dir, Path tmpDir) throws IOException {
    Files.createDirectories(tmpDir);
    Path zipFile = Files.createTempFile(tmpDir, "ckpt-", ".zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile)); Stream<Path> s = Files.walk(dir)) {
      // model weights hardly compress, and deflating GBs would cost more CPU than sending them costs time
      zip.setLevel(Deflater.NO_COMPRESSION);
      List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
      for (Path f : files) {
        zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(zipFile);
      throw e;
    }
    return zipFile;
  }

  /** Replaces {@code dir} with the zipped folder; entries that would leave {@code dir} are refused. */
  static void unpack(Path zipFile, Path dir) throws IOException {
    delete(dir);
    Files.createDirectories(dir);
    Path root = dir.toAbsolutePath().normalize();
    try (InputStream raw = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) throw new IOException("zip entry outside its folder: " + e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          zip.transferTo(out);
        }
      }
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
    }
  }
}
