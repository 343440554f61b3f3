package org.tunebench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.DriverOptions;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecException;
import org.tunebench.model.SpecReader;
import org.tunebench.app.BadInputException;
import org.tunebench.store.ExperimentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Run an experiment headless: live progress on stderr, final table on stdout.",
    "The spec (README, 'The experiment spec') holds trainable, space, metric and mode, and optionally numSamples,"
        + " search (random, grid, tpe, gp, nsga2; maxConcurrent), scheduler (fifo, asha, hyperband, median, pbt), stop,"
        + " timeBudgetS, stepTimeoutS (longest step or gap between reports before the trial errors),"
        + " resourcesPerTrial (cpu, gpu, memoryMb), maxConcurrentTrials, checkpoint, failure and jvmArgs.",
    "Searcher, scheduler and stopper types of your own (plug-ins) are found in the trainable's JAR and in the"
        + " JARs named by TUNEBENCH_PLUGINS (JAR files or folders of them, separated as in a class path).",
    "Ctrl-C or SIGTERM records running trials PAUSED and the experiment INTERRUPTED (exit 130/143);"
        + " continue with: tunebench resume NAME."})
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec JSON") Path specFile;

  @Option(names = "--name", paramLabel = "NAME", description = "experiment name (default: the spec's name)") String name;

  @Mixin DbOption db = new DbOption();

  @Mixin ClusterOption cluster = new ClusterOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() {
    db.file(); // a bad --db is named before the spec is read
    ExperimentSpec spec;
    try {
      spec = ExperimentLauncher.renamed(SpecReader.read(specFile.toAbsolutePath()), name);
    } catch (SpecException e) {
      throw new BadInputException(specFile.getFileName() + ": " + e.getMessage());
    }
    SignalExit signals = SignalExit.install();
    try (ExperimentStore store = db.open()) {
      ExperimentLauncher launcher = new ExperimentLauncher(store, cluster.pool(), DriverOptions.defaults(),
          cluster.executors(cmd.commandLine().getErr()));
      // Ctrl-C before anything was stored: nothing to interrupt or resume
      if (signals.signalled()) return signals.exitCode(TunebenchMain.OK);
      RunningExperiment exp;
      try {
        exp = launcher.start(spec, specFile.toAbsolutePath());
      } catch (RuntimeException e) {
        // the engine's checks (plug-in parameters, resources) name a JSON path as the reader's do: name the file too
        String bad = TunebenchMain.badInputMessage(e);
        if (bad != null && bad.startsWith("$.")) throw new BadInputException(specFile.getFileName() + ": " + bad);
        throw e;
      }
      return RunSupport.runToEnd(exp, List.of(), cmd.commandLine().getOut(), cmd.commandLine().getErr(), signals, cluster);
    } finally {
      signals.uninstall();
    }
  }
}
