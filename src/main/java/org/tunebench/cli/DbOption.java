package org.tunebench.cli;

import java.nio.file.Path;
import org.tunebench.app.BadInputException;
import org.tunebench.store.DatabaseUnusableException;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.TunebenchHome;
import picocli.CommandLine.Option;

/** {@code --db PATH}: the database file (the .mv.db ending may be left out). */
final class DbOption {
  @Option(names = "--db", paramLabel = "PATH", description = "database file (default: $TUNEBENCH_HOME or ~/.tunebench/tunebench.mv.db)")
  String db;

  Path file() {
    return TunebenchHome.database(db);
  }

  /** The store, or a one-line bad-input error (exit 2) when the path can't hold a database. */
  ExperimentStore open() {
    try {
      ExperimentStore store = ExperimentStore.open(file());
      store.onLinger(m -> System.err.println("tunebench: " + m));
      return store;
    } catch (DatabaseUnusableException e) {
      throw new BadInputException("--db: " + e.getMessage());
    }
  }
}
