package org.tunebench.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.Notifications;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.chart.Palette;
import org.tunebench.ui.history.CompareView;
import org.tunebench.ui.history.Exporter;
import org.tunebench.ui.history.SidebarView;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.HistoryLoader;
import org.tunebench.ui.session.TrialRow;
import org.tunebench.ui.setup.SetupView;
import org.tunebench.ui.setup.SetupViewModel;

/**
 * The workbench window: menus and toolbar with shortcuts, the experiments sidebar, one tab per open
 * experiment, the status bar. One AnimationTimer drains every open session's events once per pulse.
 */
public final class MainWindow implements SidebarView.Commands {
  private final Stage stage;
  private final MainViewModel vm;
  private final WindowPrefs prefs;
  private final TabPane tabs = new TabPane();
  private final BorderPane root = new BorderPane();
  private final StackPane host = new StackPane();
  private final Label sbProgress = new Label();
  private final Label sbRunning = new Label();
  private final Label sbCpu = new Label();
  private final Label sbElapsed = new Label();
  private final Label sbEta = new Label();
  private final Label sbMessage = new Label();
  private final SidebarView sidebar;
  private final AnimationTimer pump;
  private Theme theme;
  private long lastRefresh;

  public MainWindow(Stage stage, MainViewModel vm, WindowPrefs prefs) {
    this.stage = stage;
    this.vm = vm;
    this.prefs = prefs;
    sidebar = new SidebarView(vm.experiments(), this);
    tabs.setId("experiment-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> sbMessage.setText(""));
    SplitPane split = new SplitPane(sidebar, tabs);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(prefs.get("split.sidebar", 0.16));
    split.getDividers().get(0).positionProperty().addListener((o, a, v) -> prefs.put("split.sidebar", v.doubleValue()));
    SplitPane.setResizableWithParent(sidebar, false);
    root.setTop(new VBox(menuBar(), toolBar()));
    root.setCenter(split);
    root.setBottom(statusBar());
    host.getChildren().add(root);
    // never larger than the screen (a remembered size from a bigger monitor; the 1280x800 headless screen)
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(host, Math.min(prefs.get("window.width", 1400), screen.getWidth()),
        Math.min(prefs.get("window.height", 860), screen.getHeight()));
    stage.setScene(scene);
    stage.setTitle("Tunebench workbench");
    setTheme(prefs.theme());
    stage.widthProperty().addListener((o, a, w) -> prefs.put("window.width", w.doubleValue()));
    stage.heightProperty().addListener((o, a, h) -> prefs.put("window.height", h.doubleValue()));
    pump = new AnimationTimer() {
      @Override public void handle(long now) {
        frame();
      }
    };
    pump.start();
    stage.setOnHidden(e -> close());
  }

  // ------------------------------------------------------------------ layout

  private MenuBar menuBar() {
    Menu file = new Menu("_File", null,
        item("New experiment", "Shortcut+N", () -> openSetup(new SetupViewModel())),
        item("Open spec…", "Shortcut+O", this::openSpecDialog),
        item("Save spec…", "Shortcut+S", this::saveSpec),
        new SeparatorMenuItem(),
        item("Quit", "Shortcut+Q", stage::close));
    Menu experiment = new Menu("_Experiment", null,
        item("Start", "Shortcut+ENTER", () -> current().ifPresent(ExperimentTab::start)),
        item("Pause all", "Shortcut+Shift+P", () -> live().ifPresent(s -> s.running().controller().pauseAll())),
        item("Resume all", "Shortcut+Shift+U", () -> live().ifPresent(s -> s.running().controller().resumeAll())),
        item("Stop", "Shortcut+Shift+K", () -> live().ifPresent(s -> s.running().controller().stopAll())),
        new SeparatorMenuItem(),
        item("Add trial…", "Shortcut+Shift+A", () -> current().ifPresent(t -> { if (t.actions() != null) t.actions().addTrial(t.selectedTrial(), stage); })));
    Menu trial = new Menu("_Trial", null,
        item("Pause", "Shortcut+P", () -> trialAction((t, r) -> t.actions().pause(r))),
        item("Resume", "Shortcut+U", () -> trialAction((t, r) -> t.actions().resume(r))),
        item("Stop", "Shortcut+K", () -> trialAction((t, r) -> t.actions().stop(r))),
        item("Restart", "Shortcut+Shift+R", () -> trialAction((t, r) -> t.actions().restart(r))),
        item("Fork…", "Shortcut+Shift+F", () -> trialAction((t, r) -> t.actions().fork(r, stage))),
        item("Extend…", "Shortcut+Shift+E", () -> trialAction((t, r) -> t.actions().extend(r, stage))),
        new SeparatorMenuItem(),
        item("Details…", "Shortcut+I", () -> trialAction(ExperimentTab::openDetail)),
        item("Show log", "Shortcut+L", () -> trialAction(ExperimentTab::showLog)));
    Menu view = new Menu("_View", null,
        item("Light theme", null, () -> setTheme(Theme.LIGHT)),
        item("Dark theme", null, () -> setTheme(Theme.DARK)),
        item("Toggle theme", "Shortcut+T", () -> setTheme(theme == Theme.LIGHT ? Theme.DARK : Theme.LIGHT)),
        new SeparatorMenuItem(),
        item("Setup", "Shortcut+1", () -> current().ifPresent(ExperimentTab::showSetup)),
        item("Run", "Shortcut+2", () -> current().ifPresent(ExperimentTab::showRun)),
        item("Analysis", "Shortcut+3", () -> current().ifPresent(ExperimentTab::showAnalysis)));
    Menu samples = new Menu("_Samples");
    for (Path p : MainViewModel.samples(Path.of(""))) {
      samples.getItems().add(item(p.getParent().getFileName() + " / " + p.getFileName(), null, () -> openSpec(p)));
    }
    if (samples.getItems().isEmpty()) {
      MenuItem none = new MenuItem("(no sample-projects/*/*.json under the working folder)");
      none.setDisable(true);
      samples.getItems().add(none);
    }
    Menu help = new Menu("_Help", null, item("About", "F1", this::about));
    MenuBar bar = new MenuBar(file, experiment, trial, view, samples, help);
    bar.setId("menu-bar");
    return bar;
  }

  private static MenuItem item(String text, String accel, Runnable r) {
    MenuItem m = new MenuItem(text);
    m.setId("menu-" + text.replaceAll("[^A-Za-z]+", "-").toLowerCase().replaceAll("-$", ""));
    if (accel != null) m.setAccelerator(KeyCombination.keyCombination(accel));
    m.setOnAction(e -> r.run());
    return m;
  }

  private ToolBar toolBar() {
    ToolBar t = new ToolBar(
        tool("Open…", this::openSpecDialog),
        tool("Save…", this::saveSpec),
        tool("Start", () -> current().ifPresent(ExperimentTab::start)),
        tool("Pause all", () -> live().ifPresent(s -> s.running().controller().pauseAll())),
        tool("Resume all", () -> live().ifPresent(s -> s.running().controller().resumeAll())),
        tool("Stop all", () -> live().ifPresent(s -> s.running().controller().stopAll())),
        new javafx.scene.control.Separator(),
        tool("Pause trial", () -> trialAction((x, r) -> x.actions().pause(r))),
        tool("Resume trial", () -> trialAction((x, r) -> x.actions().resume(r))),
        tool("Fork…", () -> trialAction((x, r) -> x.actions().fork(r, stage))));
    t.setId("tool-bar");
    return t;
  }

  private static Button tool(String text, Runnable r) {
    Button b = new Button(text);
    b.setId("tool-" + text.replaceAll("[^A-Za-z]+", "-").toLowerCase().replaceAll("^-|-$", ""));
    b.setOnAction(e -> r.run());
    b.setFocusTraversable(false);
    return b;
  }

  private HBox statusBar() {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label db = new Label("db: " + vm.store().file());
    db.getStyleClass().add("muted");
    sbMessage.getStyleClass().add("error-text");
    sbProgress.setId("sb-progress");
    HBox bar = new HBox(sbProgress, sbRunning, sbCpu, sbElapsed, sbEta, sbMessage, spacer, db);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  // ------------------------------------------------------------------ frames

  private void frame() {
    for (Tab t : tabs.getTabs()) if (t instanceof ExperimentTab x) x.frame();
    long now = System.currentTimeMillis();
    if (now - lastRefresh < 500) return;
    lastRefresh = now;
    updateStatusBar();
    // the sidebar follows the store (other processes, our own drivers) a couple of times a second
    if (now % 2000 < 500) vm.refresh();
  }

  private void updateStatusBar() {
    Optional<ExperimentSession> s = current().map(ExperimentTab::session);
    sbCpu.setText(String.format("CPU %.4s/%.4s", trim(vm.pool().usedCpus()), trim(vm.pool().cpus())));
    if (s.isEmpty()) {
      sbProgress.setText("no experiment running");
      sbRunning.setText("");
      sbElapsed.setText("");
      sbEta.setText("");
      return;
    }
    ExperimentSession x = s.get();
    Instant now = Instant.now();
    sbProgress.setText(StatusText.progress(x));
    sbRunning.setText(x.table().count(TrialStatus.RUNNING) + " running, " + x.table().count(TrialStatus.PAUSED) + " paused");
    sbElapsed.setText(StatusText.elapsed(x, now));
    sbEta.setText(StatusText.eta(x, now));
  }

  private static String trim(double d) {
    return org.tunebench.ui.format.Numbers.format(d);
  }

  // ------------------------------------------------------------------ commands

  Optional<ExperimentTab> current() {
    Tab t = tabs.getSelectionModel().getSelectedItem();
    return t instanceof ExperimentTab x ? Optional.of(x) : Optional.empty();
  }

  private Optional<ExperimentSession> live() {
    return current().map(ExperimentTab::session).filter(s -> s != null && s.isLive());
  }

  private void trialAction(java.util.function.BiConsumer<ExperimentTab, TrialRow> a) {
    current().ifPresent(t -> {
      TrialRow r = t.selectedTrial();
      if (r == null || t.actions() == null) problem("select a trial first");
      else a.accept(t, r);
    });
  }

  public ExperimentTab openSetup(SetupViewModel setup) {
    ExperimentTab t = new ExperimentTab(vm, setup, prefs, this::problem, () -> {
      vm.refresh();
      wireNotifications();
    });
    tabs.getTabs().add(t);
    tabs.getSelectionModel().select(t);
    return t;
  }

  public ExperimentTab openSpec(Path p) {
    SetupViewModel s = new SetupViewModel();
    try {
      s.load(p);
    } catch (RuntimeException e) {
      problem(String.valueOf(e.getMessage()));
      return null;
    }
    if (vm.store().exists(s.name.get())) s.name.set(freeName(s.name.get()));
    return openSetup(s);
  }

  /** A sample opened twice gets "name-2": `run` refuses a name the database already holds. */
  String freeName(String base) {
    for (int i = 2; ; i++) if (!vm.store().exists(base + "-" + i)) return base + "-" + i;
  }

  private void openSpecDialog() {
    Path p = SetupView.chooseSpec(stage, false);
    if (p != null) openSpec(p);
  }

  private void saveSpec() {
    current().ifPresent(t -> {
      Path p = SetupView.chooseSpec(stage, true);
      if (p == null) return;
      try {
        t.setup().save(p);
        sbMessage.setText("");
      } catch (Exception e) {
        problem("save: " + e.getMessage());
      }
    });
  }

  private void wireNotifications() {
    for (Tab t : tabs.getTabs()) {
      if (t instanceof ExperimentTab x && x.session() != null && !x.session().isLive()) continue;
      if (t instanceof ExperimentTab x && x.session() != null && x.getProperties().putIfAbsent("notify", true) == null) {
        x.session().onTrialError(this::notifyError);
      }
    }
  }

  private void notifyError(TrialSnapshot s) {
    if (s == null) return;
    try {
      Notifications.create().owner(stage).title("Trial " + s.id() + " errored")
          .text(String.valueOf(s.error()).lines().findFirst().orElse("")).showError();
    } catch (RuntimeException e) {
      problem("trial " + s.id() + " errored: " + s.error());
    }
  }

  void problem(String message) {
    sbMessage.setText(message == null ? "" : message);
  }

  private void about() {
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

  // ------------------------------------------------------------------ sidebar commands

  private ExperimentTab tabFor(String name) {
    for (Tab t : tabs.getTabs()) {
      if (t instanceof ExperimentTab x && x.session() != null && x.session().name().equals(name)) return x;
    }
    return null;
  }

  @Override public void open(StoredExperiment e) {
    ExperimentTab open = tabFor(e.name());
    if (open != null) {
      tabs.getSelectionModel().select(open);
      return;
    }
    Runnable done = busy("Loading " + e.name() + " from the store…");
    Background.load(() -> HistoryLoader.load(vm.store(), e), s -> {
      done.run();
      if (tabFor(e.name()) != null) return; // opened twice while loading
      SetupViewModel setup = new SetupViewModel();
      setup.load(s.spec());
      ExperimentTab t = openSetup(setup);
      t.attach(s, null);
    }, ex -> {
      done.run();
      problem("open " + e.name() + ": " + ex.getMessage());
    });
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

  @Override public void resume(StoredExperiment e) {
    ExperimentTab open = tabFor(e.name());
    if (open != null && open.session().isLive()) {
      problem(e.name() + " is already running here");
      return;
    }
    Runnable done = busy("Loading " + e.name() + " to resume it…");
    Background.load(() -> HistoryLoader.load(vm.store(), e), s -> {
      done.run();
      try {
        RunningExperiment r = vm.launcher().resume(e.name());
        ExperimentTab t = tabFor(e.name());
        if (t == null) {
          SetupViewModel setup = new SetupViewModel();
          setup.load(s.spec());
          t = openSetup(setup);
        }
        tabs.getSelectionModel().select(t);
        t.attach(s, r);
      } catch (RuntimeException ex) {
        problem("resume " + e.name() + ": " + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
      }
    }, ex -> {
      done.run();
      problem("resume " + e.name() + ": " + ex.getMessage());
    });
  }

  @Override public void compare(List<StoredExperiment> es) {
    if (es.size() < 2) {
      problem("select two or more experiments (Ctrl+click) to compare");
      return;
    }
    Runnable done = busy("Loading " + es.size() + " experiments to compare…");
    Background.load(() -> {
      List<ExperimentSession> sessions = new ArrayList<>();
      for (StoredExperiment e : es) sessions.add(HistoryLoader.load(vm.store(), e));
      return sessions;
    }, sessions -> {
      done.run();
      Tab t = new Tab("compare: " + String.join(" · ", es.stream().map(StoredExperiment::name).toList()), new CompareView(sessions));
      tabs.getTabs().add(t);
      tabs.getSelectionModel().select(t);
    }, ex -> {
      done.run();
      problem("compare: " + ex.getMessage());
    });
  }

  @Override public void export(StoredExperiment e) {
    FileChooser fc = new FileChooser();
    fc.setTitle("Export " + e.name());
    fc.setInitialFileName(e.name() + ".csv");
    fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv"), new FileChooser.ExtensionFilter("JSON", "*.json"));
    java.io.File f = fc.showSaveDialog(stage);
    if (f == null) return;
    try {
      Exporter.write(vm.store(), e, f.toPath());
    } catch (Exception ex) {
      problem("export: " + ex.getMessage());
    }
  }

  @Override public void delete(StoredExperiment e) {
    ExperimentTab open = tabFor(e.name());
    if (open != null && open.session().isLive()) {
      problem("stop and close " + e.name() + " before deleting it");
      return;
    }
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete experiment '" + e.name()
        + "' and all its trials and results from the database? This cannot be undone.", ButtonType.OK, ButtonType.CANCEL);
    a.initOwner(stage);
    a.setHeaderText("Delete " + e.name() + "?");
    if (a.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
      if (open != null) tabs.getTabs().remove(open);
      vm.store().delete(e.name());
      vm.refresh();
    }
  }

  // ------------------------------------------------------------------ lifecycle

  public void close() {
    pump.stop();
    for (Tab t : tabs.getTabs()) if (t instanceof ExperimentTab x) x.close();
    vm.close();
  }

  public TabPane tabs() { return tabs; }
  public SidebarView sidebar() { return sidebar; }
  public MainViewModel viewModel() { return vm; }
  public Stage stage() { return stage; }
}
