package org.tunebench.cli;

import org.tunebench.app.Objectives;
import java.util.concurrent.Callable;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = {"Experiments in the database, one a line: name, status, trials, each objective and its mode,"
    + " created; a RUNNING or PAUSED one also says which process runs it, or that none does (it can be resumed)."})
final class ListCommand implements Callable<Integer> {
  @Mixin DbOption db = new DbOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() {
    var out = cmd.commandLine().getOut();
    if (db.isDefault() && !db.exists()) return TunebenchMain.OK; // a new machine: no experiment yet, nothing to list
    try (ExperimentStore store = db.openExisting()) {
      for (StoredExperiment e : store.list()) {
        int n = store.trials(e.id()).size();
        String owner = OwnerNote.of(e);
        // every objective of a multi-objective experiment: "val_loss min, epoch min"
        String objectives = Objectives.of(e.spec(), e.metric(), e.mode()).stream()
            .map(o -> o.metric() + " " + o.mode().json()).collect(java.util.stream.Collectors.joining(", "));
        out.printf("%s\t%s\t%d trials\t%s\t%s%s%n", e.name(), e.status(), n, objectives, e.createdAt(),
            owner.isEmpty() ? "" : "\t" + owner);
      }
    }
    out.flush();
    return TunebenchMain.OK;
  }
}
