package org.tunebench.ui;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the JavaFX workbench (from the CLI's {@code gui} command). */
public final class WorkbenchLauncher {
  private WorkbenchLauncher() {}

  public static void launch(Path spec, Path database) {
    WorkbenchApp.initialSpec = spec == null ? null : spec.toAbsolutePath();
    WorkbenchApp.database = database;
    Application.launch(WorkbenchApp.class);
  }
}
