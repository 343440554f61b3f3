package org.tunebench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunebench.store.ExperimentStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What pause and stop share: NAME [TRIAL...], delivered to the experiment's live owner. */
abstract class SteerCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "experiment name") String name;

  @Parameters(index = "1..*", paramLabel = "TRIAL", arity = "0..*",
      description = "trial ids (e.g. 00003); none: the whole experiment") List<String> trials = new ArrayList<>();

  @Mixin DbOption db = new DbOption();

  @Mixin SteerSupport.TimeoutOption timeout = new SteerSupport.TimeoutOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  /** The action's name on the wire and in messages ("pause", "stop"). */
  abstract String action();

  @Override public Integer call() {
    try (ExperimentStore store = db.openExisting(timeout.duration())) {
      Integer code = SteerSupport.steer(store, name, action(), trials, timeout.duration(), cmd.commandLine().getOut(),
          cmd.commandLine().getErr());
      return code != null ? code : SteerSupport.noOwner(store, name, action(), cmd.commandLine().getErr());
    }
  }
}
