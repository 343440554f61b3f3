package org.tunebench.store;

import java.nio.file.Path;

/** Where Tunebench keeps its data: {@code TUNEBENCH_HOME}, else {@code ~/.tunebench}. */
public final class TunebenchHome {
  private TunebenchHome() {}

  public static Path dir() {
    String env = System.getenv("TUNEBENCH_HOME");
    if (env == null || env.isBlank()) env = System.getProperty("tunebench.home");
    if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
    return Path.of(System.getProperty("user.home"), ".tunebench");
  }

  /** The database file named by {@code --db} (with or without {@code .mv.db}), or the default one. */
  public static Path database(String db) {
    if (db == null || db.isBlank()) return dir().resolve("tunebench.mv.db");
    Path p = Path.of(db).toAbsolutePath().normalize();
    return p.getFileName().toString().endsWith(".mv.db") ? p : p.resolveSibling(p.getFileName() + ".mv.db");
  }

  /** Trial folders of one experiment: beside the database's home folder. */
  public static Path experimentDir(Path database, String experiment) {
    Path home = database.equals(dir().resolve("tunebench.mv.db")) ? dir() : database.getParent();
    return home.resolve("experiments").resolve(experiment);
  }
}
