package org.tunebench.ui;

import java.nio.file.Path;
import javafx.application.Application;
import org.tunebench.app.BadInputException;

/** Starts the JavaFX workbench (from the CLI's {@code gui} command). */
public final class WorkbenchLauncher {
  private WorkbenchLauncher() {}

  /** Throws {@link BadInputException} when this machine lacks a display or a library the toolkit needs. */
  public static void launch(Path spec, Path database) {
    String problem = DesktopCheck.problemHere();
    if (problem != null) {
      throw new BadInputException(problem);
    }
    WorkbenchApp.initialSpec = spec == null ? null : spec.toAbsolutePath();
    WorkbenchApp.database = database;
    try {
      Application.launch(WorkbenchApp.class);
    } catch (RuntimeException e) {
      // DISPLAY set but unreachable (closed X server, ssh without -X): the toolkit says so only in its trace.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (String.valueOf(t.getMessage()).contains("Unable to open DISPLAY")) {
          throw new BadInputException("the workbench cannot start: cannot open display '" + System.getenv("DISPLAY")
              + "': check that the X server runs and DISPLAY is right, or use 'tunebench run SPEC' without a window");
        }
      }
      throw e;
    }
  }
}
