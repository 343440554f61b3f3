package org.tunebench.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tunebench.app.BadInputException;
import org.tunebench.report.HtmlReport;
import org.tunebench.report.ReportData;
import org.tunebench.store.ExperimentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write one experiment as a self-contained HTML file: summary, best trial, charts, trial table.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "experiment name (see: tunebench list)") String name;

  @Option(names = "--out", paramLabel = "FILE", description = "where to write (default: NAME-report.html here)")
  Path out;

  @Mixin DbOption db = new DbOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() throws Exception {
    Path file = out != null ? out : Path.of(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-report.html");
    if (Files.isDirectory(file)) throw new BadInputException("--out " + file + " is a directory; give a file name such as report.html");
    String html;
    try (ExperimentStore store = db.openExisting()) {
      html = HtmlReport.render(ReportData.load(store, name));
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, html, StandardCharsets.UTF_8);
    cmd.commandLine().getOut().println("wrote " + file);
    cmd.commandLine().getOut().flush();
    return TunebenchMain.OK;
  }
}
