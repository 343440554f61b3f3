package org.tunebench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Tab;
import javafx.stage.FileChooser;
import org.tunebench.app.RunningExperiment;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.history.CompareView;
import org.tunebench.ui.history.Exporter;
import org.tunebench.ui.history.SidebarView;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.HistoryLoader;
import org.tunebench.ui.setup.SetupViewModel;

/**
 * What the sidebar and the History view do with stored experiments: reopen, resume, compare, export, delete.
 * Every store and disk access runs in {@link Background}; the FX thread only shows the outcome.
 */
final class HistoryActions implements SidebarView.Commands {
  private final MainWindow w;

  HistoryActions(MainWindow w) {
    this.w = w;
  }

  @Override public void open(StoredExperiment e) {
    ExperimentTab open = w.tabFor(e.name());
    if (open != null) {
      w.tabs().getSelectionModel().select(open);
      return;
    }
    Runnable done = w.busy("Loading " + e.name() + " from the store…");
    Background.load(() -> HistoryLoader.load(w.viewModel().store(), e), s -> {
      done.run();
      if (w.tabFor(e.name()) != null) return; // opened twice while loading
      SetupViewModel setup = new SetupViewModel();
      setup.load(s.spec());
      ExperimentTab t = w.openSetup(setup);
      t.attach(s, null);
    }, ex -> {
      done.run();
      w.problem("open " + e.name() + ": " + ex.getMessage());
    });
  }

  @Override public void resume(StoredExperiment e) {
    if (e.isFinished()) {
      // as `tunebench resume`: a finished experiment stays finished; a resume would sample again after a stop
      w.problem(finishedNote(e));
      return;
    }
    ExperimentTab open = w.tabFor(e.name());
    if (open != null && open.session().isLive()) {
      w.problem(e.name() + " is already running here");
      return;
    }
    Runnable done = w.busy("Loading " + e.name() + " to resume it…");
    // the launcher reads the store and the checkpoints: off the FX thread as well
    Background.load(() -> new Loaded(HistoryLoader.load(w.viewModel().store(), e), w.viewModel().launcher().resume(e.name())), l -> {
      done.run();
      ExperimentTab t = w.tabFor(e.name());
      if (t == null) {
        SetupViewModel setup = new SetupViewModel();
        setup.load(l.session().spec());
        t = w.openSetup(setup);
      }
      w.tabs().getSelectionModel().select(t);
      t.attach(l.session(), l.running());
    }, ex -> {
      done.run();
      w.problem("resume " + e.name() + ": " + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
    });
  }

  /** Why a finished experiment is not resumed, and what the user can do instead. */
  static String finishedNote(StoredExperiment e) {
    return e.name() + " is " + e.status() + " (finished): there is nothing to resume. Open it to look at it; to search"
        + " more, start its spec again under a new name";
  }

  private record Loaded(ExperimentSession session, RunningExperiment running) {}

  @Override public void compare(List<StoredExperiment> es) {
    if (es.size() < 2) {
      w.problem("select two or more experiments (Ctrl+click) to compare");
      return;
    }
    Runnable done = w.busy("Loading " + es.size() + " experiments to compare…");
    Background.load(() -> {
      List<ExperimentSession> sessions = new ArrayList<>();
      for (StoredExperiment e : es) sessions.add(HistoryLoader.load(w.viewModel().store(), e));
      return sessions;
    }, sessions -> {
      done.run();
      Tab t = new Tab("compare: " + String.join(" · ", es.stream().map(StoredExperiment::name).toList()),
          CompareView.scrolling(new CompareView(sessions)));
      w.tabs().getTabs().add(t);
      w.tabs().getSelectionModel().select(t);
    }, ex -> {
      done.run();
      w.problem("compare: " + ex.getMessage());
    });
  }

  @Override public void export(StoredExperiment e) {
    FileChooser fc = new FileChooser();
    fc.setTitle("Export " + e.name());
    fc.setInitialFileName(e.name() + ".csv");
    fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv"), new FileChooser.ExtensionFilter("JSON", "*.json"));
    java.io.File f = fc.showSaveDialog(w.stage());
    if (f == null) return;
    Background.load(() -> {
      try {
        Exporter.write(w.viewModel().store(), e, f.toPath());
        return f.toPath();
      } catch (Exception ex) {
        throw new IllegalStateException(ex.getMessage(), ex);
      }
    }, p -> w.problem(null), ex -> w.problem("export: " + ex.getMessage()));
  }

  /** Asks with the folder's size, then removes the experiment from the database and its folder from disk. */
  @Override public void delete(StoredExperiment e) {
    ExperimentTab open = w.tabFor(e.name());
    if (open != null && open.session() != null && open.session().isLive()) {
      w.problem("stop and close " + e.name() + " before deleting it");
      return;
    }
    Path dir = e.homeDir() == null ? null : Path.of(e.homeDir());
    Background.load(() -> {
      try {
        return ExperimentFolder.usage(dir);
      } catch (java.io.IOException ex) {
        return new ExperimentFolder.Usage(-1, 0);
      }
    }, usage -> {
      String disk = dir == null || usage.bytes() == 0 ? "It has no files on disk."
          : usage.bytes() < 0 ? "Its folder " + dir + " could not be measured; it is deleted too."
          : "Its folder " + dir + " (" + ExperimentFolder.human(usage.bytes()) + " in " + usage.files() + " files: checkpoints, logs) is deleted too.";
      if (!Confirm.ask(w.stage(), "Delete " + e.name() + "?", "Delete experiment '" + e.name()
          + "' with all its trials and results from the database? " + disk + " This cannot be undone.", "Delete")) return;
      if (open != null) w.tabs().getTabs().remove(open);
      Background.load(() -> {
        w.viewModel().store().delete(e.name());
        try {
          ExperimentFolder.delete(dir);
        } catch (java.io.IOException ex) {
          throw new IllegalStateException("deleted from the database, but its folder " + dir + " stays: " + ex.getMessage(), ex);
        }
        return e;
      }, x -> w.refreshHistory(), ex -> {
        w.problem("delete " + e.name() + ": " + ex.getMessage());
        w.refreshHistory();
      });
    }, ex -> w.problem("delete " + e.name() + ": " + ex.getMessage()));
  }
}
