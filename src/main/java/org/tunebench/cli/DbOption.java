package org.tunebench.cli;

import java.nio.file.Path;
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

  ExperimentStore open() {
    return ExperimentStore.open(file());
  }
}
