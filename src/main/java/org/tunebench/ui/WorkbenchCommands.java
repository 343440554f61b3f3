package org.tunebench.ui;

import static org.tunebench.ui.command.StandardAction.*;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.command.Command;
import org.tunebench.ui.command.CommandSet;
import org.tunebench.ui.format.Plural;
import org.tunebench.ui.run.TrialActions;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;
import org.tunebench.ui.setup.SetupViewModel;

/**
 * The window's commands: each handler and enabled-state once. They act on the selected tab's experiment and its
 * selected trial; menus, toolbar, dashboard buttons and the trial table's context menu all use these.
 */
final class WorkbenchCommands {
  private WorkbenchCommands() {}

  static CommandSet create(MainWindow w) {
    CommandSet c = new CommandSet();
    c.put(NEW_EXPERIMENT, Command.always(() -> w.openSetup(new SetupViewModel())));
    c.put(OPEN_SPEC, Command.always(w::openSpecDialog));
    c.put(SAVE_SPEC, new Command(() -> w.current().isPresent(), w::saveSpec));
    c.put(HISTORY, Command.always(w::showHistory));
    c.put(QUIT, Command.always(w::quit));

    c.put(VALIDATE, new Command(() -> w.current().isPresent(), () -> w.current().ifPresent(ExperimentTab::validate)));
    c.put(START, new Command(() -> w.current().filter(t -> t.session() == null || !t.session().isLive()).isPresent(),
        () -> w.current().ifPresent(ExperimentTab::start)));
    c.put(PAUSE_ALL, new Command(() -> live(w).filter(s -> active(s) > 0).isPresent(),
        () -> live(w).ifPresent(s -> s.running().controller().pauseAll())));
    // a reopened experiment that was interrupted (or whose process died) resumes from its tab as from History
    c.put(RESUME_ALL, new Command(() -> live(w).filter(s -> s.table().count(TrialStatus.PAUSED) > 0).isPresent()
        || resumable(w).isPresent(), () -> {
          if (live(w).isPresent()) live(w).ifPresent(s -> s.running().controller().resumeAll());
          else resumable(w).ifPresent(e -> w.historyActions().resume(e));
        }));
    c.put(STOP_ALL, new Command(() -> live(w).filter(s -> active(s) > 0 || s.table().count(TrialStatus.PAUSED) > 0).isPresent(),
        () -> live(w).ifPresent(s -> {
          long n = active(s) + s.table().count(TrialStatus.PAUSED);
          if (n == 0 || Confirm.ask(w.stage(), "Stop " + s.name() + "?", stopQuestion(n), "Stop experiment")) {
            s.running().controller().stopAll();
          }
        })));
    c.put(ADD_TRIAL, new Command(() -> live(w).isPresent(),
        () -> w.current().ifPresent(t -> t.actions().addTrial(t.selectedTrial(), w.stage()))));

    c.put(PAUSE_TRIAL, trial(w, TrialActions::canPause, (a, r) -> a.pause(r)));
    c.put(RESUME_TRIAL, trial(w, TrialActions::canResume, (a, r) -> a.resume(r)));
    c.put(STOP_TRIAL, trial(w, TrialActions::canStop, (a, r) -> a.stop(r)));
    c.put(RESTART_TRIAL, trial(w, TrialActions::canRestart, (a, r) -> a.restart(r)));
    c.put(FORK_TRIAL, trial(w, TrialActions::canFork, (a, r) -> a.fork(r, w.stage())));
    c.put(EXTEND_TRIAL, trial(w, TrialActions::canExtend, (a, r) -> a.extend(r, w.stage())));
    c.put(TRIAL_DETAILS, new Command(() -> selected(w).isPresent(), () -> w.current().ifPresent(t -> t.openDetail(t.selectedTrial()))));
    c.put(TRIAL_LOG, new Command(() -> selected(w).isPresent(), () -> w.current().ifPresent(t -> t.showLog(t.selectedTrial()))));

    c.put(VIEW_SETUP, new Command(() -> w.current().isPresent(), () -> w.current().ifPresent(ExperimentTab::showSetup)));
    c.put(VIEW_RUN, new Command(() -> w.current().isPresent(), () -> w.current().ifPresent(ExperimentTab::showRun)));
    c.put(VIEW_ANALYSIS, new Command(() -> w.current().isPresent(), () -> w.current().ifPresent(ExperimentTab::showAnalysis)));
    c.put(LIGHT_THEME, Command.always(() -> w.setTheme(Theme.LIGHT)));
    c.put(DARK_THEME, Command.always(() -> w.setTheme(Theme.DARK)));
    c.put(TOGGLE_THEME, Command.always(() -> w.setTheme(w.theme() == Theme.LIGHT ? Theme.DARK : Theme.LIGHT)));
    c.put(SHORTCUTS, Command.always(w::showShortcuts));
    c.put(ABOUT, Command.always(w::about));
    return c;
  }

  /** The Stop experiment confirmation for {@code n} unfinished trials. */
  static String stopQuestion(long n) {
    return Plural.count(n, "trial") + " " + Plural.isAre(n) + " still running, pending or paused. Stop "
        + (n == 1 ? "it" : "them all") + "? Their results so far stay in the database.";
  }

  private static long active(ExperimentSession s) {
    return s.table().count(TrialStatus.RUNNING) + s.table().count(TrialStatus.PENDING);
  }

  private static Optional<ExperimentSession> live(MainWindow w) {
    return w.current().map(ExperimentTab::session).filter(s -> s != null && s.isLive());
  }

  /** The current tab's experiment, opened from the store, when this process may resume it. */
  private static Optional<StoredExperiment> resumable(MainWindow w) {
    Optional<ExperimentSession> stored = w.current().map(ExperimentTab::session).filter(s -> s != null && !s.isLive());
    return stored.flatMap(s -> w.viewModel().experiments().stream().filter(e -> e.name().equals(s.name())).findFirst())
        .filter(e -> !e.isFinished() && !"CREATED".equals(e.status()))
        .filter(e -> {
          String owner = w.viewModel().ownerNote(e);
          return owner.isEmpty() || owner.equals(MainViewModel.NO_OWNER); // not while another process runs it
        });
  }

  private static Optional<TrialRow> selected(MainWindow w) {
    return w.current().map(ExperimentTab::selectedTrial);
  }

  private static Command trial(MainWindow w, BiPredicate can, BiConsumer<TrialActions, TrialRow> run) {
    return new Command(() -> w.current().filter(t -> t.actions() != null && can.test(t.actions(), t.selectedTrial())).isPresent(),
        () -> w.current().ifPresent(t -> run.accept(t.actions(), t.selectedTrial())));
  }

  @FunctionalInterface
  private interface BiPredicate {
    boolean test(TrialActions a, TrialRow r);
  }

  static Predicate<ExperimentSession> hasLiveTrials() {
    return s -> s != null && s.isLive() && (active(s) > 0 || s.table().count(TrialStatus.PAUSED) > 0);
  }
}
