package org.tunebench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the workbench, with SPEC loaded if given.")
final class GuiCommand implements Runnable {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "experiment spec JSON to open")
  Path spec;

  @Mixin DbOption db = new DbOption();

  @Override public void run() {
    org.tunebench.ui.WorkbenchLauncher.launch(spec, db.file());
  }
}
