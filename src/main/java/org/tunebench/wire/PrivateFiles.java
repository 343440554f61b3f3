package org.tunebench.wire;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner may read: folders 0700, files 0600, whatever the umask. Histories,
 * logs and checkpoints hold a user's data and code paths, and the database folder holds its password.
 * Lives in {@code wire} so that the worker, the engine and the store can all call it. On a file system
 * without POSIX permissions (Windows) these calls only create.
 */
public final class PrivateFiles {
  public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and any missing parents as 0700 and makes {@code dir} itself 0700 even if it
   * existed (a home folder made by an older version). Existing parents are left alone (e.g. /tmp).
   */
  public static Path directory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Path missing = abs;
    while (missing.getParent() != null && !Files.isDirectory(missing.getParent())) missing = missing.getParent();
    for (Path p = missing; ; ) {
      if (!Files.isDirectory(p)) {
        try {
          Files.createDirectory(p, attributes(p.getParent(), DIR));
        } catch (FileAlreadyExistsException raced) {
          if (!Files.isDirectory(p)) throw raced;
        }
        restrict(p, DIR);
      }
      if (p.equals(abs)) break;
      p = p.resolve(abs.getName(p.getNameCount()));
    }
    restrict(abs, DIR);
    return dir;
  }

  /** Creates {@code file} empty if missing (and its folder, see {@link #directory}); either way 0600. */
  public static Path file(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) directory(parent);
    try {
      Files.createFile(file, attributes(parent, FILE));
    } catch (FileAlreadyExistsException exists) {
      // kept, and tightened below
    }
    restrict(file, FILE);
    return file;
  }

  /** Makes an existing file 0600 or folder 0700; a missing path is left alone. */
  public static void restrict(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) restrict(p, DIR);
    else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) restrict(p, FILE);
  }

  /** {@link #restrict} for every file and folder under {@code root} (root included). */
  public static void restrictTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) restrict(p);
    }
  }

  private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) view.setPermissions(perms);
  }

  private static FileAttribute<?>[] attributes(Path parent, Set<PosixFilePermission> perms) {
    boolean posix = parent != null && Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null;
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
  }
}
