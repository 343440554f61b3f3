package org.tunebench.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.tunebench.app.BadInputException;
import org.tunebench.store.DatabaseUnusableException;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.TunebenchHome;
import picocli.CommandLine.Option;

/** {@code --db PATH}: the database file (the .mv.db ending may be left out). */
final class DbOption {
  @Option(names = "--db", paramLabel = "PATH", description = "database file (default: tunebench.mv.db in $TUNEBENCH_HOME, else in ~/.tunebench)")
  String db;

  /** The database file; an empty {@code --db} or a folder is refused rather than read as the default or a sibling. */
  Path file() {
    if (db != null && db.isBlank()) {
      throw new BadInputException("--db: empty path; give a database file, or leave --db out for the default ("
          + TunebenchHome.database(null) + ")");
    }
    try {
      // a folder would otherwise become FOLDER.mv.db beside it
      if (db != null && Files.isDirectory(Path.of(db))) {
        throw new BadInputException("--db: " + db + " is a folder; give a database file such as "
            + Path.of(db).resolve("tunebench.mv.db"));
      }
      return TunebenchHome.database(db);
    } catch (InvalidPathException e) {
      throw new BadInputException("--db: not a valid path: " + e.getMessage());
    }
  }

  /** True when no {@code --db} was given, so the default database in the home folder is meant. */
  boolean isDefault() {
    return db == null;
  }

  /** Whether the database file exists: a command that only reads history creates none. */
  boolean exists() {
    return Files.exists(file());
  }

  /** The store, or a one-line bad-input error (exit 2) when the path can't hold a database. */
  ExperimentStore open() {
    return open(null);
  }

  /** As {@link #open()}; {@code wait} (null: the default) bounds the wait for a process that serves the database. */
  ExperimentStore open(java.time.Duration wait) {
    try {
      ExperimentStore store = wait == null ? ExperimentStore.open(file()) : ExperimentStore.open(file(), wait);
      store.onLinger(m -> System.err.println("tunebench: " + m));
      return store;
    } catch (DatabaseUnusableException e) {
      throw new BadInputException("--db: " + e.getMessage());
    }
  }

  /**
   * The store of a database that exists, for commands that only read or steer history ({@code list},
   * {@code show}, {@code report}, {@code pause}, {@code stop}, {@code resume}): opening would create one, with
   * its folders, at a mistyped path and then report an empty history as if that were the answer.
   */
  ExperimentStore openExisting() {
    return openExisting(null);
  }

  /** As {@link #openExisting()}, waiting at most {@code wait} for a process that serves the database (a --timeout). */
  ExperimentStore openExisting(java.time.Duration wait) {
    Path file = file();
    if (!Files.exists(file)) {
      String looked = db == null || db.endsWith(".mv.db") ? "" : " (looked for " + file + ")";
      throw new BadInputException((db == null ? "no database at " + file : "--db: no database at " + db + looked)
          + "; run an experiment first" + (db == null ? " or give --db" : " or check --db"));
    }
    return open(wait);
  }
}
