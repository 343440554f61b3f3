package org.tunebench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.tunebench.wire.PrivateFiles;

/** Where Tunebench keeps its data: {@code TUNEBENCH_HOME}, else {@code ~/.tunebench}. */
public final class TunebenchHome {
  /** Bytes of the experiment name kept in its folder name, so the folder name stays under 255 bytes. */
  private static final int NAME_BYTES_IN_FOLDER = 100;

  private TunebenchHome() {}

  public static Path dir() {
    String env = System.getenv("TUNEBENCH_HOME");
    if (env == null || env.isBlank()) env = System.getProperty("tunebench.home");
    if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
    return Path.of(System.getProperty("user.home"), ".tunebench");
  }

  /** The home folder, created if missing and made 0700 either way (older versions made it 0755). */
  public static Path privateDir() throws IOException {
    return PrivateFiles.directory(dir());
  }

  /** The database file named by {@code --db} (with or without {@code .mv.db}), or the default one. */
  public static Path database(String db) {
    if (db == null || db.isBlank()) return dir().resolve("tunebench.mv.db");
    Path p = Path.of(db).toAbsolutePath().normalize();
    return p.getFileName().toString().endsWith(".mv.db") ? p : p.resolveSibling(p.getFileName() + ".mv.db");
  }

  /** A new experiment's id, unique across databases: it keys the trial folders. */
  public static String newExperimentUid() {
    return UUID.randomUUID().toString();
  }

  /**
   * Trial folders of one experiment: {@code experiments/NAME-<first 8 hex digits of uid>} beside the
   * database's home folder. Keyed by the uid, so two databases in one folder, or a name used again, never
   * share a folder. Experiments made before uids keep the folder stored with them.
   */
  public static Path experimentDir(Path database, String experiment, String uid) {
    return experimentsRoot(database).resolve(folderName(experiment) + "-" + uid.replace("-", "").substring(0, 8));
  }

  public static Path experimentsRoot(Path database) {
    Path home = database.toAbsolutePath().normalize().equals(dir().resolve("tunebench.mv.db")) ? dir()
        : database.toAbsolutePath().getParent();
    return home.resolve("experiments");
  }

  private static String folderName(String experiment) {
    byte[] utf8 = experiment.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= NAME_BYTES_IN_FOLDER) return experiment;
    StringBuilder b = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < experiment.length(); ) {
      int cp = experiment.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > NAME_BYTES_IN_FOLDER) break;
      b.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return b.toString();
  }
}
