package org.tunebench.ui.cluster;

import java.io.File;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.tunebench.ui.Background;

/**
 * The cluster option (run the driver as a cluster member: port, bind address, secret file, agent wait) and the
 * Agents panel (each agent's address, host, capacity, load, this workbench's trials on it, last heard), refreshed
 * every second while shown.
 */
public final class ClusterPane extends VBox {
  private final AgentsViewModel agents;
  private final TableView<AgentRow> table = new TableView<>();
  private boolean reading;

  public ClusterPane(ClusterSettings settings, AgentsViewModel agents) {
    super(8);
    this.agents = agents;
    setId("cluster-pane");
    setPadding(new Insets(8));
    CheckBox on = new CheckBox("Run trials on cluster agents (this workbench is the driver)");
    on.setId("cluster-enabled");
    on.selectedProperty().bindBidirectional(settings.enabled);
    TextField port = field(settings.port, "cluster-port", 6);
    TextField bind = field(settings.bind, "cluster-bind", 12);
    bind.setTooltip(new Tooltip("The address to listen on; agents on other machines need one of this machine's"
        + " addresses (127.0.0.1: this machine only)"));
    TextField secret = field(settings.secretFile, "cluster-secret-file", 16);
    secret.setPromptText("blank: $TUNEBENCH_CLUSTER_SECRET");
    Button browse = new Button("…");
    browse.setId("cluster-secret-browse");
    browse.setOnAction(e -> {
      FileChooser fc = new FileChooser();
      fc.setTitle("Cluster secret file (owner-only, the secret on its first line)");
      File f = fc.showOpenDialog(getScene().getWindow());
      if (f != null) settings.secretFile.set(f.getAbsolutePath());
    });
    TextField wait = field(settings.waitS, "cluster-wait", 5);
    wait.setTooltip(new Tooltip("How long a trial waits when no agent can take it"));
    GridPane form = new GridPane();
    form.setHgap(6);
    form.setVgap(4);
    form.addRow(0, new Label("Port"), port, new Label("Bind"), bind);
    HBox secretRow = new HBox(4, secret, browse);
    HBox.setHgrow(secret, Priority.ALWAYS);
    form.add(new Label("Secret file"), 0, 1);
    form.add(secretRow, 1, 1, 3, 1);
    form.addRow(2, new Label("Agent wait (s)"), wait);
    for (Node n : new Node[] {port, bind, secretRow, wait, browse}) n.disableProperty().bind(settings.enabled.not());

    Label summary = new Label();
    summary.setId("agents-summary");
    summary.setWrapText(true);
    summary.textProperty().bind(agents.summary);
    table.setId("agents-table");
    table.setItems(agents.rows);
    table.setPlaceholder(new Label("No agent has joined"));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    // two lines per agent keep the panel narrow enough to sit beside the setup form
    table.getColumns().add(column("Agent / host", r -> r.address() + "\n" + r.host(), 120));
    table.getColumns().add(column("In use / offered", r -> r.load() + "\n" + r.capacity(), 150));
    table.getColumns().add(column("Trials", AgentRow::trials, 110));
    table.getColumns().add(column("Heard", AgentRow::lastHeard, 60));
    table.setPrefHeight(180);
    VBox.setVgrow(table, Priority.ALWAYS);
    TitledPane option = new TitledPane("Cluster", new VBox(6, on, form));
    option.setCollapsible(false);
    TitledPane panel = new TitledPane("Agents", new VBox(6, summary, table));
    panel.setCollapsible(false);
    VBox.setVgrow(panel, Priority.ALWAYS);
    getChildren().addAll(option, panel);
    // off, the box is only its check box: the setup form keeps its width for the many who run locally
    on.setWrapText(true);
    for (Node n : new Node[] {form, panel}) {
      n.visibleProperty().bind(settings.enabled);
      n.managedProperty().bind(settings.enabled);
    }
    prefWidthProperty().bind(javafx.beans.binding.Bindings.when(settings.enabled).then(470.0).otherwise(230.0));

    Timeline poll = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
    poll.setCycleCount(Timeline.INDEFINITE);
    // polls only while on screen: a closed tab's pane stops asking the drivers
    sceneProperty().addListener((o, a, s) -> {
      if (s == null) poll.stop();
      else poll.play();
    });
    settings.enabled.addListener((o, a, b) -> refresh());
    refresh();
  }

  /** The setup form with the cluster option and the Agents panel at its right. */
  /** Below this width the cluster box goes under the setup form instead of beside it. */
  static final double BESIDE_MIN_WIDTH = 1150;

  public static Node besides(Node setup, ClusterSettings settings) {
    BorderPane p = new BorderPane(setup);
    ClusterPane c = new ClusterPane(settings, new AgentsViewModel(settings));
    p.setRight(c);
    // on a narrow window the box goes below the form, which needs the width more
    p.widthProperty().addListener((o, was, now) -> {
      boolean beside = now.doubleValue() >= BESIDE_MIN_WIDTH;
      if (beside && p.getRight() == null) {
        p.setBottom(null);
        p.setRight(c);
      } else if (!beside && p.getBottom() == null) {
        p.setRight(null);
        p.setBottom(c);
      }
    });
    return p;
  }

  /** Reads the drivers off the FX thread; one read at a time. */
  public void refresh() {
    if (reading) return;
    reading = true;
    Background.load(agents::read, s -> {
      reading = false;
      agents.show(s);
    }, e -> reading = false);
  }

  public TableView<AgentRow> table() {
    return table;
  }

  private static TextField field(javafx.beans.property.StringProperty p, String id, int columns) {
    TextField f = new TextField();
    f.setId(id);
    f.setPrefColumnCount(columns);
    f.textProperty().bindBidirectional(p);
    return f;
  }

  private static TableColumn<AgentRow, String> column(String title, java.util.function.Function<AgentRow, String> value,
      double width) {
    TableColumn<AgentRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    // a Text graphic wraps at the column's width and gives the row its height (a cell's own text stays one line)
    c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
      private final javafx.scene.text.Text text = new javafx.scene.text.Text();

      {
        text.wrappingWidthProperty().bind(col.widthProperty().subtract(10));
        text.getStyleClass().add("text");
        text.fillProperty().bind(textFillProperty());
      }

      @Override protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty || item == null ? "" : item);
        setText(empty ? null : item);
        setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        setGraphic(empty ? null : text);
        setTooltip(empty || item == null ? null : new Tooltip(item));
      }
    });
    return c;
  }
}
