package org.tunebench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunebench.store.ExperimentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stop", mixinStandardHelpOptions = true,
    description = {"Stop a running experiment, or some of its trials, in whatever process runs it (a run, the workbench, a cluster driver). Stopped trials end TERMINATED."},
    footer = {"", "Exit codes: 0 done; 2 unknown experiment or trial, a trial that can't be stopped, or no live",
        "owner; 3 the owner did not answer in time or exited."})
final class StopCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "experiment name") String name;

  @Parameters(index = "1..*", paramLabel = "TRIAL", arity = "0..*",
      description = "trial ids (e.g. 00003); none: the whole experiment") List<String> trials = new ArrayList<>();

  @Mixin DbOption db = new DbOption();

  @Mixin SteerSupport.TimeoutOption timeout = new SteerSupport.TimeoutOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() {
    try (ExperimentStore store = db.open()) {
      Integer code = SteerSupport.steer(store, name, "stop", trials, timeout.duration(), cmd.commandLine().getOut(),
          cmd.commandLine().getErr());
      return code != null ? code : SteerSupport.noOwner(store, name, "stop", cmd.commandLine().getErr());
    }
  }
}
