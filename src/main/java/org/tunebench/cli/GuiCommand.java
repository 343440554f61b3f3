package org.tunebench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tunebench.app.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the workbench, with SPEC loaded if given.")
final class GuiCommand implements Runnable {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "experiment spec JSON to open")
  Path spec;

  @Mixin DbOption db = new DbOption();

  @Override public void run() {
    // The user's own mistake comes before anything about this machine's desktop.
    if (spec != null && !Files.isRegularFile(spec)) {
      throw new BadInputException("spec file not found: " + spec + " (give the path of an experiment spec JSON)");
    }
    org.tunebench.ui.WorkbenchLauncher.launch(spec, db.file());
  }
}
