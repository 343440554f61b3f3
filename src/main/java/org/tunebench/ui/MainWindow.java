package org.tunebench.ui;

import static org.tunebench.ui.command.StandardAction.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.chart.Palette;
import org.tunebench.ui.command.ActionFactory;
import org.tunebench.ui.command.CommandSet;
import org.tunebench.ui.history.HistoryView;
import org.tunebench.ui.history.SidebarView;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.WorkerBudget;
import org.tunebench.ui.setup.SetupView;
import org.tunebench.ui.setup.SetupViewModel;

/**
 * The workbench window: menus and toolbar made from the command model ({@link WorkbenchCommands}), the
 * experiments sidebar, one tab per open experiment, the status bar. One AnimationTimer drains every open
 * session's events once per pulse.
 */
public final class MainWindow {
  private final Stage stage;
  private final MainViewModel vm;
  private final WindowPrefs prefs;
  private final TabPane tabs = new TabPane();
  private final javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane();
  private final StackPane host = new StackPane();
  private final StatusBarView statusBar;
  private final SidebarView sidebar;
  private final HistoryActions history = new HistoryActions(this);
  private final CommandSet commands;
  private final ActionFactory actions;
  private final ExperimentNotifier notifier;
  private final AnimationTimer pump;
  private Theme theme;
  private long lastRefresh;
  private long lastSignature;
  private int frameFailures;
  private RuntimeException firstFrameFailure;
  private long lastHistoryRefresh;
  private boolean historyRefreshing;
  private boolean quitting;

  public MainWindow(Stage stage, MainViewModel vm, WindowPrefs prefs) {
    this.stage = stage;
    this.vm = vm;
    this.prefs = prefs;
    commands = WorkbenchCommands.create(this);
    actions = new ActionFactory(commands);
    notifier = new ExperimentNotifier(stage, this::problem);
    statusBar = new StatusBarView(String.valueOf(vm.store().file()));
    sidebar = new SidebarView(vm.experiments(), vm::ownerNote, history);
    tabs.setId("experiment-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
      problem(null);
      commands.refresh();
      updateStatusBar();
    });
    SplitPane split = new SplitPane(sidebar, StartHint.over(tabs));
    split.setOrientation(Orientation.HORIZONTAL);
    org.tunebench.ui.run.RunDashboardView.remember(prefs, split, "split.sidebar", 0.16);
    SplitPane.setResizableWithParent(sidebar, false);
    root.setTop(new VBox(menuBar(), toolBar()));
    root.setCenter(split);
    root.setBottom(statusBar);
    host.getChildren().add(root);
    // never larger than the screen (a remembered size from a bigger monitor; the 1280x800 headless screen)
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(host, Math.min(prefs.get("window.width", 1400), screen.getWidth()),
        Math.min(prefs.get("window.height", 860), screen.getHeight()));
    stage.setScene(scene);
    actions.keepShortcuts(scene);
    stage.setTitle("Tunebench workbench");
    stage.setMinWidth(800);
    stage.setMinHeight(560);
    setTheme(prefs.theme());
    stage.widthProperty().addListener((o, a, w) -> prefs.put("window.width", w.doubleValue()));
    stage.heightProperty().addListener((o, a, h) -> prefs.put("window.height", h.doubleValue()));
    pump = new AnimationTimer() {
      @Override public void handle(long now) {
        frame();
      }
    };
    pump.start();
    // closing the window while trials run asks first, like Quit
    stage.setOnCloseRequest(e -> {
      if (!quitting && !confirmQuit()) e.consume();
    });
    stage.setOnHidden(e -> close());
  }

  // ------------------------------------------------------------------ layout

  private MenuBar menuBar() {
    Menu file = actions.menu("_File", NEW_EXPERIMENT, OPEN_SPEC, SAVE_SPEC, null, HISTORY, null, QUIT);
    Menu experiment = actions.menu("_Experiment", VALIDATE, START, null, PAUSE_ALL, RESUME_ALL, STOP_ALL, null, ADD_TRIAL);
    Menu trial = actions.menu("_Trial", PAUSE_TRIAL, RESUME_TRIAL, STOP_TRIAL, RESTART_TRIAL, FORK_TRIAL, EXTEND_TRIAL,
        null, TRIAL_DETAILS, TRIAL_LOG);
    Menu view = actions.menu("_View", LIGHT_THEME, DARK_THEME, TOGGLE_THEME, null, VIEW_SETUP, VIEW_RUN, VIEW_ANALYSIS);
    Menu samples = new Menu("_Samples");
    for (Path p : MainViewModel.samples(Path.of(""))) {
      MenuItem m = new MenuItem(p.getParent().getFileName() + " / " + p.getFileName());
      m.setOnAction(e -> openSpec(p));
      samples.getItems().add(m);
    }
    if (samples.getItems().isEmpty()) {
      MenuItem none = new MenuItem("(no sample-projects/*/*.json under the working folder)");
      none.setDisable(true);
      samples.getItems().add(none);
    }
    Menu help = actions.menu("_Help", SHORTCUTS, ABOUT);
    MenuBar bar = new MenuBar(file, experiment, trial, view, samples, help);
    bar.setId("menu-bar");
    return bar;
  }

  private ToolBar toolBar() {
    ToolBar t = new ToolBar(
        actions.toolButton(OPEN_SPEC), actions.toolButton(SAVE_SPEC), actions.toolButton(HISTORY), new Separator(),
        actions.toolButton(VALIDATE), actions.toolButton(START), actions.toolButton(PAUSE_ALL),
        actions.toolButton(RESUME_ALL), actions.toolButton(STOP_ALL), new Separator(),
        actions.toolButton(PAUSE_TRIAL), actions.toolButton(RESUME_TRIAL), actions.toolButton(STOP_TRIAL),
        actions.toolButton(FORK_TRIAL), actions.toolButton(EXTEND_TRIAL));
    t.setId("tool-bar");
    return t;
  }

  // ------------------------------------------------------------------ frames

  private void frame() {
    for (Tab t : tabs.getTabs()) {
      if (!(t instanceof ExperimentTab x)) continue;
      try {
        x.frame();
      } catch (RuntimeException e) {
        // one tab's failing repaint must not freeze the commands' enabled state and the status bar of all;
        // kept (first one in full) so tests fail on it and say where it came from
        if (frameFailures++ == 0) firstFrameFailure = e;
        java.util.logging.Logger.getLogger(MainWindow.class.getName()).log(java.util.logging.Level.WARNING,
            "the frame of tab '" + x.getText() + "' failed", e);
      }
    }
    // commands follow trial and experiment status changes in the same pulse (a shortcut pressed right after a
    // pause must find Resume enabled); the rest of the chrome twice a second
    long signature = statusSignature();
    if (signature != lastSignature) {
      lastSignature = signature;
      commands.refresh();
    }
    long now = System.currentTimeMillis();
    if (now - lastRefresh < 500) return;
    lastRefresh = now;
    commands.refresh();
    updateStatusBar();
    // the sidebar follows the store (other processes, our own drivers) every two seconds, read off the FX thread
    if (now - lastHistoryRefresh >= 2000) {
      lastHistoryRefresh = now;
      refreshHistory();
      releaseIdleWorkers();
    }
  }

  /** Changes whenever a trial of an open experiment is added or changes status, or an experiment's status does. */
  private long statusSignature() {
    long h = 17;
    for (ExperimentSession s : sessions()) {
      h = h * 31 + s.table().statusVersion();
      h = h * 31 + String.valueOf(s.statusProperty().get()).hashCode();
      h = h * 31 + (s.isLive() ? 1 : 0);
    }
    return h;
  }

  /**
   * Ended experiments keep their idle worker JVMs (an extend starts at once) only while all tabs together stay
   * within {@link WorkerBudget#defaultCap()}; past it, the longest-ended release theirs (off the FX thread).
   */
  private void releaseIdleWorkers() {
    List<ExperimentSession> live = sessions().stream().filter(ExperimentSession::isLive).toList();
    int total = 0;
    for (ExperimentSession s : live) total += s.running().workerCount();
    List<ExperimentSession> ended = live.stream().filter(s -> s.endedAt() != null).toList();
    for (ExperimentSession s : WorkerBudget.toRelease(ended, x -> x.running().workerCount(), ExperimentSession::endedAt,
        total, WorkerBudget.defaultCap())) {
      var running = s.running();
      Background.load(() -> {
        running.releaseIdleWorkers();
        return running;
      }, r -> {}, ex -> problem("releasing idle workers of " + s.name() + ": " + ex.getMessage()));
    }
  }

  /** Re-reads the experiment list in the background; the list is replaced on the FX thread. */
  void refreshHistory() {
    if (historyRefreshing) return;
    historyRefreshing = true;
    Background.load(() -> {
      List<StoredExperiment> list = vm.store().list();
      return Map.entry(list, MainViewModel.owners(list));
    }, listed -> {
      historyRefreshing = false;
      vm.show(listed.getKey(), listed.getValue());
    }, ex -> historyRefreshing = false);
  }

  private void updateStatusBar() {
    statusBar.update(current().map(ExperimentTab::session), current().isPresent(), sessions(), vm.pool(), Instant.now());
  }

  List<ExperimentSession> sessions() {
    List<ExperimentSession> out = new ArrayList<>();
    for (Tab t : tabs.getTabs()) if (t instanceof ExperimentTab x && x.session() != null) out.add(x.session());
    return out;
  }

  // ------------------------------------------------------------------ commands

  Optional<ExperimentTab> current() {
    Tab t = tabs.getSelectionModel().getSelectedItem();
    return t instanceof ExperimentTab x ? Optional.of(x) : Optional.empty();
  }

  public ExperimentTab openSetup(SetupViewModel setup) {
    ExperimentTab t = new ExperimentTab(vm, setup, prefs, this::problem, () -> {
      refreshHistory();
      wireNotifications();
      commands.refresh();
    }, actions);
    t.startElsewhere(this::startCopy);
    tabs.getTabs().add(t);
    tabs.getSelectionModel().select(t);
    return t;
  }

  /**
   * Start on a tab that holds an experiment: the form, edited or not, becomes a new experiment in a new tab. With
   * a name of its own it starts at once; under a name the database holds it opens as "name-2", ready to start.
   */
  void startCopy(org.tunebench.model.ExperimentSpec spec) {
    SetupViewModel s = new SetupViewModel();
    s.load(spec);
    boolean free = !taken(spec.name());
    if (!free) s.name.set(freeName(spec.name()));
    ExperimentTab t = openSetup(s);
    if (free) {
      t.start();
    } else {
      problem(spec.name() + " exists already: its setup is copied here as " + s.name.get() + "; change what you like and press Start");
    }
  }

  public ExperimentTab openSpec(Path p) {
    SetupViewModel s = new SetupViewModel();
    try {
      s.load(p);
    } catch (RuntimeException e) {
      problem(String.valueOf(e.getMessage()));
      return null;
    }
    if (taken(s.name.get())) s.name.set(freeName(s.name.get()));
    return openSetup(s);
  }

  /**
   * A sample opened twice gets "name-2": `run` refuses a name the database already holds. Judged from the
   * experiment list the window keeps (re-read every two seconds off the FX thread) and the open tabs, not by a
   * database query: the FX thread must not wait behind a long history read. Start checks the name again.
   */
  String freeName(String base) {
    for (int i = 2; ; i++) if (!taken(base + "-" + i)) return base + "-" + i;
  }

  private boolean taken(String name) {
    for (StoredExperiment e : vm.experiments()) if (e.name().equals(name)) return true;
    for (Tab t : tabs.getTabs()) if (t instanceof ExperimentTab x && name.equals(x.setup().name.get())) return true;
    return false;
  }

  /** Opens a past experiment in a tab, as the History view's Reopen does. */
  void open(StoredExperiment e) {
    history.open(e);
  }

  void openSpecDialog() {
    Path p = SetupView.chooseSpec(stage, false);
    if (p != null) openSpec(p);
  }

  void saveSpec() {
    current().ifPresent(t -> {
      Path p = SetupView.chooseSpec(stage, true);
      if (p == null) return;
      try {
        t.setup().save(p);
        problem(null);
      } catch (Exception e) {
        problem("save: " + e.getMessage());
      }
    });
  }

  /** The History tab: one, reused. */
  void showHistory() {
    for (Tab t : tabs.getTabs()) {
      if (t.getContent() instanceof HistoryView) {
        tabs.getSelectionModel().select(t);
        return;
      }
    }
    Tab t = new Tab("History", new HistoryView(vm.experiments(), vm::ownerNote, history));
    t.setId("tab-history");
    tabs.getTabs().add(t);
    tabs.getSelectionModel().select(t);
  }

  /** Asks before quitting while trials run; then closes the window (which stops every driver). */
  void quit() {
    if (!confirmQuit()) return;
    quitting = true;
    stage.close();
  }

  private boolean confirmQuit() {
    long live = sessions().stream().filter(WorkbenchCommands.hasLiveTrials()).count();
    if (live == 0) return true;
    return Confirm.ask(stage, "Quit while trials run?", live + (live == 1 ? " experiment has" : " experiments have")
        + " trials running, pending or paused. Quitting stops them; their results so far stay in the database and"
        + " the experiment can be resumed later from History.", "Quit");
  }

  private void wireNotifications() {
    for (ExperimentSession s : sessions()) {
      if (s.isLive() && !watched.contains(s)) {
        watched.add(s);
        notifier.watch(s);
      }
    }
  }

  private final java.util.Set<ExperimentSession> watched = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

  void problem(String message) {
    statusBar.problem(message);
  }

  void showShortcuts() {
    TextArea text = new TextArea(ActionFactory.shortcutList());
    text.setEditable(false);
    text.getStyleClass().add("log-view");
    text.setPrefRowCount(24);
    text.setPrefColumnCount(44);
    text.setId("shortcut-list");
    Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
    a.initOwner(stage);
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts (also shown in the menus and button tooltips)");
    a.getDialogPane().setContent(text);
    a.show();
  }

  void about() {
    Alert a = new Alert(Alert.AlertType.INFORMATION, "Tunebench 0.1.0 — hyperparameter tuning on the JVM.\n"
        + "Database: " + vm.store().file(), ButtonType.OK);
    a.initOwner(stage);
    a.setHeaderText("Tunebench workbench");
    a.show();
  }

  public void setTheme(Theme t) {
    theme = t;
    prefs.theme(t);
    t.applyTo(stage.getScene());
    host.applyCss();
    Palette.CURRENT.set(ThemeColors.read(host));
  }

  public Theme theme() {
    return theme;
  }

  ExperimentTab tabFor(String name) {
    for (Tab t : tabs.getTabs()) {
      if (t instanceof ExperimentTab x && x.session() != null && x.session().name().equals(name)) return x;
    }
    return null;
  }

  /** Compares stored experiments in a new tab (the sidebar's and History's Compare). */
  public void compare(List<StoredExperiment> es) {
    history.compare(es);
  }

  /**
   * Shows a progress indicator over the window (the rest stays usable: it does not block input) while a
   * store read runs in {@link Background}; returns what hides it again.
   */
  Runnable busy(String text) {
    javafx.scene.control.ProgressIndicator p = new javafx.scene.control.ProgressIndicator();
    p.setMaxSize(28, 28);
    Label l = new Label(text);
    HBox box = new HBox(10, p, l);
    box.getStyleClass().add("busy-overlay");
    box.setId("busy-overlay");
    box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    StackPane.setAlignment(box, javafx.geometry.Pos.BOTTOM_CENTER);
    StackPane.setMargin(box, new javafx.geometry.Insets(0, 0, 40, 0));
    host.getChildren().add(box);
    return () -> host.getChildren().remove(box);
  }

  // ------------------------------------------------------------------ lifecycle

  public void close() {
    pump.stop();
    for (Tab t : tabs.getTabs()) if (t instanceof ExperimentTab x) x.close();
    vm.close();
  }

  public TabPane tabs() { return tabs; }

  /** What the window does with stored experiments (reopen, resume, compare, ...). */
  HistoryActions historyActions() { return history; }
  public SidebarView sidebar() { return sidebar; }
  public MainViewModel viewModel() { return vm; }
  public Stage stage() { return stage; }
  public CommandSet commands() { return commands; }
  String statusMessage() { return statusBar.problem(); }
  /** How many tab frames threw since the window opened (each is logged); 0 in a healthy session. */
  int frameFailures() { return frameFailures; }
  /** The first of them, with its stack trace, or null. */
  RuntimeException firstFrameFailure() { return firstFrameFailure; }
}
