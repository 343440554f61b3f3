package org.tunebench.cli;

import java.util.concurrent.Callable;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.DriverOptions;
import org.tunebench.store.ExperimentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue an interrupted or paused experiment from the database and its checkpoints.")
final class ResumeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME") String name;

  @Mixin DbOption db = new DbOption();

  @Mixin ClusterOption cluster = new ClusterOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() {
    try (ExperimentStore store = db.open()) {
      ExperimentLauncher launcher = new ExperimentLauncher(store, cluster.pool(), DriverOptions.defaults(),
          cluster.executors(cmd.commandLine().getErr()));
      long id = store.find(name).map(e -> e.id()).orElse(-1L);
      RunningExperiment exp = launcher.resume(name);
      return RunSupport.runToEnd(exp, store.trials(id), cmd.commandLine().getOut(), cmd.commandLine().getErr());
    }
  }
}
