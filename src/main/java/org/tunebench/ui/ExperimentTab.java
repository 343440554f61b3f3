package org.tunebench.ui;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.tunebench.app.RunningExperiment;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.ui.analysis.AnalysisView;
import org.tunebench.ui.command.ActionFactory;
import org.tunebench.ui.detail.TrialDetailView;
import org.tunebench.ui.run.RunDashboardView;
import org.tunebench.ui.run.TrialActions;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;
import org.tunebench.ui.setup.SetupView;
import org.tunebench.ui.setup.SetupViewModel;

/** One open experiment: Setup | Run | Analysis. Before Start it has only a setup; after, a live session. */
public final class ExperimentTab extends Tab {
  private final MainViewModel main;
  private final SetupViewModel setup;
  private final TabPane inner = new TabPane();
  private final Tab setupTab = new Tab("Setup");
  private final Tab runTab = new Tab("Run");
  private final Tab analysisTab = new Tab("Analysis");
  private final Tab lineageTab = new Tab("Lineage");
  private final WindowPrefs prefs;
  private final Consumer<String> problem;
  private final Runnable changed;
  /** Opens a new tab for a spec made from this tab's form (see {@link #start()}). */
  private Consumer<ExperimentSpec> startElsewhere = x -> { };
  private ExperimentSession session;
  private RunDashboardView run;
  private AnalysisView analysis;
  private org.tunebench.ui.lineage.LineageView lineage;
  private TrialActions actions;
  private final ActionFactory commands;
  private boolean checking;
  /** The form's error this tab last put in the status bar, or null: an edit that fixes or changes it updates it there. */
  private String reported;

  public ExperimentTab(MainViewModel main, SetupViewModel setup, WindowPrefs prefs, Consumer<String> problem,
      Runnable changed, ActionFactory commands) {
    this.main = main;
    this.commands = commands;
    this.setup = setup;
    this.prefs = prefs;
    this.problem = problem;
    this.changed = changed;
    textProperty().bind(setup.name);
    setupTab.setContent(org.tunebench.ui.cluster.ClusterPane.besides(new SetupView(setup, this::start, this::validate,
        problem), main.cluster()));
    setupTab.setId("tab-setup");
    runTab.setId("tab-run");
    analysisTab.setId("tab-analysis");
    lineageTab.setId("tab-lineage");
    lineageTab.setContent(new Label("The tree of forks and PBT exploits appears once the experiment starts."));
    runTab.setContent(new Label("Start the experiment to see its trials here."));
    analysisTab.setContent(new Label("Analysis appears once trials report results."));
    for (Tab t : new Tab[] {setupTab, runTab, analysisTab, lineageTab}) t.setClosable(false);
    inner.getTabs().addAll(setupTab, runTab, analysisTab, lineageTab);
    inner.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
      if (t == analysisTab && analysis != null) analysis.refresh();
      if (t == lineageTab && lineage != null) lineage.refresh();
    });
    setContent(inner);
    setOnClosed(e -> close());
    // closing the tab ends its driver as quitting does: ask first, as Quit does
    setOnCloseRequest(e -> {
      if (!WorkbenchCommands.hasLiveTrials().test(session)) return;
      javafx.stage.Window owner = getTabPane() == null || getTabPane().getScene() == null ? null : getTabPane().getScene().getWindow();
      if (!Confirm.ask(owner, "Close " + session.name() + " while trials run?", "Its trials are running, pending or paused."
          + " Closing the tab stops them; their results so far stay in the database and the experiment can be"
          + " resumed later from History.", "Close and stop")) {
        e.consume();
      }
    });
    setup.message.addListener((o, was, now) -> {
      if (reported != null && reported.equals(was)) report(now == null || now.isEmpty() ? null : now);
    });
  }

  private void report(String formError) {
    reported = formError;
    problem.accept(formError);
  }

  /**
   * Checks everything Start checks (the spec, the JAR and its class, resources, plug-in parameters, a free
   * name) without starting; says "spec OK" with what would run.
   */
  public void validate() {
    check(false);
  }

  /**
   * Validates the form (spec and engine checks), then starts a new experiment and shows its dashboard. A tab that
   * already holds an experiment (running, finished or reopened from History) keeps it: its edited form goes to a
   * new tab instead ({@link #startElsewhere}).
   */
  public void start() {
    if (session == null) {
      check(true);
      return;
    }
    ExperimentSpec spec = setup.validate(null);
    if (spec == null) {
      report(setup.message.get());
      return;
    }
    // this tab's form shows what its experiment ran with again; the edits go with the new one
    setup.load(session.spec());
    startElsewhere.accept(spec);
  }

  /** Where {@link #start()} sends the form of a tab that already holds an experiment. */
  public void startElsewhere(Consumer<ExperimentSpec> to) {
    this.startElsewhere = to;
  }

  /**
   * The form is read on the FX thread; the JAR inspection, the database and the launch run in {@link Background}
   * (a store busy with a large history read must not freeze the window), and the outcome comes back here.
   */
  private void check(boolean thenStart) {
    if (checking) return;
    ExperimentSpec spec = setup.validate(null);
    if (spec == null) {
      report(setup.message.get());
      return;
    }
    boolean needsFreeName = session == null || thenStart;
    java.nio.file.Path specFile = setup.specFile();
    checking = true;
    Background.load(() -> {
      main.launcher().validate(spec);
      if (needsFreeName && main.store().exists(spec.name())) {
        throw new IllegalArgumentException("$.name: experiment '" + spec.name()
            + "' already exists in the database; pick another name, or resume it from History");
      }
      return thenStart ? java.util.Optional.of(main.launcher().start(spec, specFile)) : java.util.Optional.<RunningExperiment>empty();
    }, r -> {
      checking = false;
      report(null);
      if (r.isPresent()) {
        setup.message.set("");
        attach(new ExperimentSession(spec.name(), spec), r.get());
      } else {
        String cls = spec.trainable().className() == null ? "" : " · " + spec.trainable().className().replaceAll(".*\\.", "");
        setup.ok("spec OK · " + spec.space().domains().size() + " parameters · " + spec.numSamples() + " samples" + cls);
      }
    }, e -> {
      checking = false;
      setup.message.set(SetupViewModel.withHint(String.valueOf(e.getMessage()).lines().findFirst().orElse("failed")));
      report(setup.message.get());
    });
  }

  /** Shows a session (live when {@code r} is not null, else read-only history). */
  public void attach(ExperimentSession s, RunningExperiment r) {
    if (session != null) session.close();
    session = s;
    // the tab is this experiment's from now on: editing the form's name no longer renames it
    textProperty().unbind();
    setText(s.name());
    setup.startLabel.set("Start as a new experiment");
    if (r != null) s.attach(r);
    actions = new TrialActions(s, problem);
    run = new RunDashboardView(s, commands, this::openDetail, prefs);
    if (analysis != null) analysis.close();
    analysis = new AnalysisView(s, this::selectTrial,
        () -> org.tunebench.report.HtmlReport.render(org.tunebench.report.ReportData.load(main.store(), s.name())));
    run.table().getSelectionModel().selectedItemProperty().addListener((o, a, row) ->
        analysis.setSelected(row == null ? null : row.id()));
    if (lineage != null) lineage.close();
    lineage = new org.tunebench.ui.lineage.LineageView(
        () -> org.tunebench.report.ReportData.load(main.store(), s.name()).lineage(), this::selectTrial);
    runTab.setContent(run);
    analysisTab.setContent(analysis);
    lineageTab.setContent(lineage);
    inner.getSelectionModel().select(runTab);
    if (r != null) r.runInBackground();
    changed.run();
  }

  void openDetail(TrialRow row) {
    if (row != null) TrialDetailView.open(getTabPane().getScene().getWindow(), session, main.store(), row, false);
  }

  void showLog(TrialRow row) {
    if (row != null) TrialDetailView.open(getTabPane().getScene().getWindow(), session, main.store(), row, true);
  }

  /** Once per pulse (from the window's pump): drain this session's events, repaint. */
  public void frame() {
    if (session == null) return;
    session.pump();
    if (run != null && inner.getSelectionModel().getSelectedItem() == runTab) run.frame();
    if (analysis != null && inner.getSelectionModel().getSelectedItem() == analysisTab) analysis.frame();
    if (lineage != null && inner.getSelectionModel().getSelectedItem() == lineageTab) lineage.frame();
  }

  /** A trial picked on a chart: select its row in the table (the row selection then marks it on every chart). */
  void selectTrial(String id) {
    TrialRow row = session == null ? null : session.table().row(id);
    if (row == null || run == null) return;
    run.table().getSelectionModel().select(row);
    run.table().scrollTo(row);
  }

  public void showRun() { inner.getSelectionModel().select(runTab); }
  public void showSetup() { inner.getSelectionModel().select(setupTab); }
  public void showAnalysis() { inner.getSelectionModel().select(analysisTab); }
  public void showLineage() { inner.getSelectionModel().select(lineageTab); }
  public org.tunebench.ui.lineage.LineageView lineage() { return lineage; }
  public ExperimentSession session() { return session; }
  public SetupViewModel setup() { return setup; }
  public RunDashboardView run() { return run; }
  public TrialActions actions() { return actions; }
  public TabPane inner() { return inner; }

  public TrialRow selectedTrial() {
    return run == null ? null : run.table().selected();
  }

  public AnalysisView analysis() { return analysis; }

  public void close() {
    if (analysis != null) analysis.close();
    if (lineage != null) lineage.close();
    if (session != null) session.close();
  }
}
