package org.tunebench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.DriverOptions;
import org.tunebench.store.ExperimentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
    description = {"Resume paused trials, or the whole experiment, in whatever process runs it (a run, the workbench,"
        + " a cluster driver). When no process runs it, continue an interrupted or paused experiment here from the"
        + " database and its checkpoints; its plug-ins are found again in the trainable's JAR and on TUNEBENCH_PLUGINS."},
    footer = {"", "Exit codes: as run when it continues the experiment here; when steering a live owner: 0 done,"
        + " 2 unknown trial or a trial that is not PAUSED, 3 the owner did not answer in time or exited."
        + " A finished experiment (COMPLETED, STOPPED) is not resumed: exit 2."})
final class ResumeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "experiment name (see: tunebench list)") String name;

  @Parameters(index = "1..*", paramLabel = "TRIAL", arity = "0..*",
      description = "trial ids to resume in the live owner (e.g. 00003); none: the whole experiment")
  List<String> trials = new ArrayList<>();

  @Mixin DbOption db = new DbOption();

  @Mixin ClusterOption cluster = new ClusterOption();

  @Mixin SteerSupport.TimeoutOption timeout = new SteerSupport.TimeoutOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() {
    try (ExperimentStore store = db.openExisting(timeout.duration())) {
      if (store.exists(name)) {
        Integer steered = SteerSupport.steer(store, name, "resume", trials, timeout.duration(),
            cmd.commandLine().getOut(), cmd.commandLine().getErr());
        if (steered != null) return steered;
        String status = store.find(name).map(e -> e.status()).orElse(null);
        if (org.tunebench.model.ExperimentStatus.parse(status).isFinished()) {
          // a finished experiment stays finished: a resume here would start sampling again after a user's stop
          cmd.commandLine().getErr().println("tunebench: experiment " + name + " is " + status + " (finished); nothing to"
              + " resume. Its trials can be restarted or extended in the workbench; `tunebench show " + name + "` shows it");
          return TunebenchMain.BAD_INPUT;
        }
        if (!trials.isEmpty()) {
          cmd.commandLine().getErr().println("tunebench: experiment " + name + " is not running in any process;"
              + " resume it whole with: tunebench resume " + name);
          return TunebenchMain.BAD_INPUT;
        }
      }
      // from here this process runs the experiment: a signal interrupts it (steering above is a quick question)
      SignalExit signals = SignalExit.install();
      try {
        ExperimentLauncher launcher = new ExperimentLauncher(store, cluster.pool(), DriverOptions.defaults(),
            cluster.executors(cmd.commandLine().getErr()));
        long id = store.find(name).map(e -> e.id()).orElse(-1L);
        RunningExperiment exp = launcher.resume(name);
        return RunSupport.runToEnd(exp, store.trials(id), cmd.commandLine().getOut(), cmd.commandLine().getErr(), signals, cluster);
      } finally {
        signals.uninstall();
      }
    }
  }
}
