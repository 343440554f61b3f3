package org.tunebench.ui.setup;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.model.SpecReader;

/** The setup form: JAR, search space, objective, searcher, scheduler, stopping, resources, start. */
public final class SetupView extends BorderPane {
  private final SetupViewModel vm;
  private final ValidationSupport validation = new ValidationSupport();
  private final VBox spaceRows = new VBox(4);

  public SetupView(SetupViewModel vm, Runnable start, Runnable validateAll, Consumer<String> problem) {
    this.vm = vm;
    setId("setup-view");
    validation.setValidationDecorator(new GraphicValidationDecoration());
    VBox left = new VBox(10, section("Trainable", jarPane()), section("Search space", spacePane()));
    VBox right = new VBox(10, section("Objective and search", objectivePane()), section("Scheduler", schedulerPane()),
        section("Stopping, resources, checkpoints", resourcesPane()));
    HBox.setHgrow(left, Priority.ALWAYS);
    HBox.setHgrow(right, Priority.ALWAYS);
    left.setPrefWidth(560);
    right.setPrefWidth(440);
    javafx.scene.layout.StackPane columns = new javafx.scene.layout.StackPane();
    columns.setId("setup-columns");
    columns.setPadding(new Insets(10));
    ScrollPane scroll = new ScrollPane(columns);
    scroll.setFitToWidth(true);
    setCenter(scroll);
    // side by side where both fit; one above the other where they don't, rather than squeezing the space's values
    // and cutting the right column's fields off behind a scroll bar (a 1024-pixel screen)
    scroll.viewportBoundsProperty().addListener((o, was, now) -> arrange(columns, left, right, now.getWidth()));
    arrange(columns, left, right, 1200);

    Label message = new Label();
    message.setId("setup-message");
    message.getStyleClass().add(vm.messageOk.get() ? "ok-text" : "error-text");
    vm.messageOk.addListener((o, a, ok) -> message.getStyleClass().setAll("label", ok ? "ok-text" : "error-text"));
    message.textProperty().bind(vm.message);
    message.setWrapText(true);
    Button startButton = new Button();
    startButton.textProperty().bind(vm.startLabel);
    startButton.setMinWidth(Region.USE_PREF_SIZE);
    startButton.setId("setup-start");
    startButton.setDefaultButton(true);
    startButton.setOnAction(e -> start.run());
    Button validate = new Button("Validate");
    validate.setId("setup-validate");
    validate.setMinWidth(Region.USE_PREF_SIZE);
    // the same checks as Start (JAR, class, resources, plug-ins), without starting anything
    validate.setOnAction(e -> validateAll.run());
    HBox bottom = new HBox(10, validate, startButton, message);
    bottom.setAlignment(Pos.CENTER_LEFT);
    bottom.setPadding(new Insets(8, 10, 8, 10));
    setBottom(bottom);
  }

  /** Below this width the form's two columns are stacked. */
  static final double TWO_COLUMNS_MIN_WIDTH = 940;

  private static void arrange(javafx.scene.layout.StackPane holder, VBox left, VBox right, double width) {
    boolean stacked = width < TWO_COLUMNS_MIN_WIDTH;
    Node now = holder.getChildren().isEmpty() ? null : holder.getChildren().get(0);
    if (now != null && (now instanceof VBox) == stacked) return;
    holder.getChildren().clear(); // frees left and right from the old box before the new one takes them
    holder.getChildren().setAll(stacked ? new VBox(10, left, right) : new HBox(14, left, right));
  }

  private static TitledPane section(String title, Node content) {
    TitledPane t = new TitledPane(title, content);
    t.setCollapsible(false);
    return t;
  }

  private Node jarPane() {
    TextField name = field(vm.name, "setup-name", 18);
    validation.registerValidator(name, false, (javafx.scene.control.Control c, String v) ->
        ValidationResult.fromErrorIf(c, "a name is needed", v == null || v.isBlank()));
    Label jarLabel = new Label();
    jarLabel.setId("setup-jar");
    jarLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> vm.jar.get() == null ? "no JAR chosen yet" : vm.jar.get().toString(), vm.jar));
    Button choose = new Button("Choose JAR…");
    choose.setId("setup-choose-jar");
    choose.setOnAction(e -> {
      FileChooser fc = new FileChooser();
      fc.setTitle("Trainable JAR");
      fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JAR files", "*.jar"));
      File f = fc.showOpenDialog(getScene().getWindow());
      if (f != null) vm.chooseJar(f.toPath());
    });
    VBox drop = new VBox(4, new HBox(8, choose, new Label("or drop a .jar here")), jarLabel);
    drop.getStyleClass().add("drop-zone");
    drop.setId("jar-drop");
    drop.setOnDragOver(e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
        drop.getStyleClass().add("drag-over");
      }
      e.consume();
    });
    drop.setOnDragExited(e -> drop.getStyleClass().remove("drag-over"));
    drop.setOnDragDropped(e -> {
      List<File> files = e.getDragboard().getFiles();
      boolean ok = files != null && !files.isEmpty();
      if (ok) vm.chooseJar(files.get(0).toPath());
      e.setDropCompleted(ok);
      e.consume();
    });
    ListView<String> list = new ListView<>(vm.trainables);
    list.setId("setup-trainables");
    list.setPrefHeight(70);
    list.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> { if (v != null) vm.trainableClass.set(v); });
    vm.trainableClass.addListener((o, a, v) -> { if (v != null) list.getSelectionModel().select(v); });
    if (vm.trainableClass.get() != null) list.getSelectionModel().select(vm.trainableClass.get());
    Label found = new Label();
    found.setId("setup-jar-message");
    found.textProperty().bind(vm.jarMessage);
    found.setWrapText(true);
    // a file that cannot be used is an error to act on, not a faint note
    found.getStyleClass().add(vm.jarError.get() ? "error-text" : "muted");
    vm.jarError.addListener((o, a, bad) -> found.getStyleClass().setAll("label", bad ? "error-text" : "muted"));
    GridPane g = grid();
    g.addRow(0, new Label("Name"), name);
    VBox box = new VBox(6, g, drop, found, list);
    return box;
  }

  private Node spacePane() {
    HBox header = new HBox(6, head("name (dotted = nested)", 170), head("domain", 120), head("bounds / values", 200));
    Button add = new Button("+ parameter");
    add.setId("space-add");
    add.setOnAction(e -> vm.addRow());
    rebuildSpaceRows();
    vm.space.addListener((ListChangeListener<SpaceRow>) c -> rebuildSpaceRows());
    Label hint = new Label("bounds as JSON list items, e.g. 0.001, 0.5  ·  choice: \"relu\", \"tanh\"  ·  constant: one value");
    hint.getStyleClass().add("muted");
    return new VBox(4, header, spaceRows, add, hint);
  }

  private static Label head(String s, double w) {
    Label l = new Label(s);
    l.setPrefWidth(w);
    l.getStyleClass().add("muted");
    return l;
  }

  private void rebuildSpaceRows() {
    spaceRows.getChildren().clear();
    for (SpaceRow r : vm.space) spaceRows.getChildren().add(rowView(r));
  }

  private Node rowView(SpaceRow r) {
    int i = vm.space.indexOf(r);
    TextField name = new TextField();
    name.textProperty().bindBidirectional(r.nameProperty());
    name.setPrefWidth(170);
    name.setId("space-name-" + i);
    ComboBox<String> domain = new ComboBox<>();
    domain.getItems().setAll(SetupViewModel.domainChoices());
    domain.valueProperty().bindBidirectional(r.domainProperty());
    domain.setPrefWidth(120);
    domain.setMinWidth(Region.USE_PREF_SIZE);
    name.setMinWidth(90);
    domain.setId("space-domain-" + i);
    TextField args = new TextField();
    args.textProperty().bindBidirectional(r.argsProperty());
    args.setPrefWidth(200);
    args.setId("space-args-" + i);
    HBox.setHgrow(args, Priority.ALWAYS);
    // ControlsFX decoration on the bounds field; the plain message sits under the row
    validation.registerValidator(args, false, (javafx.scene.control.Control c, String v) ->
        ValidationResult.fromMessageIf(c, r.errorProperty().get(), Severity.ERROR, r.errorProperty().get() != null));
    r.errorProperty().addListener(o -> validation.revalidate(args));
    Button remove = new Button("✕");
    remove.setOnAction(e -> vm.space.remove(r));
    Label err = new Label();
    err.getStyleClass().add("error-text");
    err.setId("space-error-" + i);
    err.textProperty().bind(r.errorProperty());
    err.managedProperty().bind(err.textProperty().isNotEmpty());
    err.visibleProperty().bind(err.managedProperty());
    return new VBox(1, new HBox(6, name, domain, args, remove), err);
  }

  private Node objectivePane() {
    GridPane g = grid();
    TextField metric = field(vm.metric, "setup-metric", 12);
    validation.registerValidator(metric, false, (javafx.scene.control.Control c, String v) ->
        ValidationResult.fromErrorIf(c, "the metric to optimise is needed", v == null || v.isBlank()));
    ComboBox<String> mode = combo(List.of("min", "max"), vm.mode, "setup-mode");
    // several objectives: "loss, latency_ms" with "min, max" (or one mode for all)
    mode.setEditable(true);
    metric.setTooltip(new javafx.scene.control.Tooltip("the metric to optimise; several objectives as a comma-separated list"));
    mode.setTooltip(new javafx.scene.control.Tooltip("min or max; one per metric, comma-separated, for several objectives"));
    ComboBox<String> search = combo(SpecReader.SEARCH_TYPES, vm.searchType, "setup-search");
    g.addRow(0, new Label("Metric"), metric, new Label("Mode"), mode);
    g.addRow(1, new Label("Samples"), field(vm.numSamples, "setup-samples", 6));
    g.addRow(2, new Label("Searcher"), search, new Label("Seed"), field(vm.searchSeed, "setup-seed", 6));
    TextField extra = field(vm.searchParams, "setup-search-params", 20);
    extra.setPromptText("key=value, …");
    g.add(new Label("Search params"), 0, 3);
    g.add(extra, 1, 3, 3, 1);
    return g;
  }

  private Node schedulerPane() {
    ComboBox<String> type = combo(SchedulerRegistry.TYPES, vm.schedulerType, "setup-scheduler");
    GridPane params = grid();
    Runnable rebuild = () -> {
      params.getChildren().clear();
      int r = 0;
      for (SetupViewModel.Param p : vm.schedulerParams) {
        TextField f = field(p.value(), "sched-" + p.name(), 10);
        f.setPromptText("default");
        // a cut value ("training_iteratio") can still be read whole
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(p.value());
        f.setTooltip(tip);
        if (p.name().equals("hyperparamMutations")) {
          // a JSON object: a row of its own, as wide as the form
          if (r % 2 == 1) r++;
          params.add(new Label(p.name()), 0, r / 2);
          params.add(f, 1, r / 2, 3, 1);
          r += 2;
          continue;
        }
        params.add(new Label(p.name()), (r % 2) * 2, r / 2);
        params.add(f, (r % 2) * 2 + 1, r / 2);
        r++;
      }
      if (r == 0) params.add(new Label("FIFO runs trials in order; no parameters"), 0, 0, 4, 1);
    };
    rebuild.run();
    vm.schedulerParams.addListener((ListChangeListener<SetupViewModel.Param>) c -> rebuild.run());
    return new VBox(6, new HBox(8, new Label("Type"), type), params);
  }

  private Node resourcesPane() {
    GridPane g = grid();
    TextField stop = field(vm.stop, "setup-stop", 20);
    // the full example did not fit the field; it lives in the tooltip
    stop.setPromptText("e.g. training_iteration=100");
    stop.setTooltip(new javafx.scene.control.Tooltip("key=value, ... e.g. training_iteration=100, time_total_s=600"));
    g.add(new Label("Stop when"), 0, 0);
    g.add(stop, 1, 0, 3, 1);
    g.addRow(1, new Label("Time budget s"), field(vm.timeBudgetS, "setup-budget", 6), new Label("Concurrency"), field(vm.maxConcurrent, "setup-concurrency", 4));
    g.addRow(2, new Label("CPU / trial"), field(vm.cpu, "setup-cpu", 4), new Label("GPU / trial"), field(vm.gpu, "setup-gpu", 4));
    g.addRow(3, new Label("Memory MB"), field(vm.memoryMb, "setup-memory", 6), new Label("Max retries"), field(vm.maxRetries, "setup-retries", 4));
    CheckBox atEnd = new CheckBox("at end");
    atEnd.selectedProperty().bindBidirectional(vm.checkpointAtEnd);
    TextField keep = field(vm.numToKeep, "setup-keep", 4);
    keep.setPromptText("all"); // blank keeps every checkpoint; 0 would read as none
    g.addRow(4, new Label("Checkpoint every"), field(vm.checkpointFrequency, "setup-ckpt-freq", 4), new Label("Keep"), keep);
    g.addRow(5, new Label(""), atEnd);
    TextField jvm = field(vm.jvmArgs, "setup-jvm", 20);
    g.add(new Label("JVM args"), 0, 6);
    g.add(jvm, 1, 6, 3, 1);
    return g;
  }

  private static GridPane grid() {
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(6);
    ColumnConstraints c = new ColumnConstraints();
    // as wide as its longest label: a fixed 80 px let "Search params" run into its field at 1024 px
    c.setMinWidth(Region.USE_PREF_SIZE);
    g.getColumnConstraints().add(c);
    // labels keep their words on a narrow window ("Mode", not "..."); the fields next to them give way
    g.getChildren().addListener((javafx.collections.ListChangeListener<Node>) ch -> {
      while (ch.next()) for (Node n : ch.getAddedSubList()) if (n instanceof Label l) l.setMinWidth(Region.USE_PREF_SIZE);
    });
    return g;
  }

  private static TextField field(javafx.beans.property.StringProperty p, String id, int cols) {
    TextField f = new TextField();
    f.textProperty().bindBidirectional(p);
    f.setId(id);
    f.setPrefColumnCount(cols);
    return f;
  }

  private static ComboBox<String> combo(List<String> items, javafx.beans.property.StringProperty p, String id) {
    ComboBox<String> c = new ComboBox<>();
    c.getItems().setAll(items);
    c.valueProperty().bindBidirectional(p);
    c.setId(id);
    // a grid squeezed at 1024 px shrank combos below their text, which then rendered blank
    c.setMinWidth(Region.USE_PREF_SIZE);
    return c;
  }

  public static Path chooseSpec(javafx.stage.Window w, boolean save) {
    FileChooser fc = new FileChooser();
    fc.setTitle(save ? "Save spec" : "Open spec");
    fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment spec", "*.json"));
    File f = save ? fc.showSaveDialog(w) : fc.showOpenDialog(w);
    return f == null ? null : f.toPath();
  }
}
