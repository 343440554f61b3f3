package org.tunebench.ui.history;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.collections.ObservableList;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.run.StatusCell;

/** Every experiment in the database with its live status; opens, resumes, compares, exports, deletes. */
public final class SidebarView extends VBox {
  /** What the sidebar's commands do (the main window implements them). */
  public interface Commands {
    void open(StoredExperiment e);
    void resume(StoredExperiment e);
    void compare(List<StoredExperiment> es);
    void export(StoredExperiment e);
    void delete(StoredExperiment e);
  }

  private final ListView<StoredExperiment> list;

  /** {@code note}: who runs an experiment when that is worth saying (another process, or none). */
  public SidebarView(ObservableList<StoredExperiment> experiments, java.util.function.Function<StoredExperiment, String> note,
      Commands c) {
    getStyleClass().add("sidebar");
    setId("sidebar");
    Label title = new Label("EXPERIMENTS");
    title.getStyleClass().addAll("section", "muted");
    title.setPadding(new Insets(6, 8, 2, 8));
    list = new ListView<>(experiments);
    list.setId("experiment-list");
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.setPlaceholder(new Label("No experiments yet"));
    list.setCellFactory(lv -> new ListCell<>() {
      private final Region dot = new Region();
      private final Label name = new Label();
      private final Label status = new Label();
      private final HBox box = new HBox(6, dot, new VBox(0, name, status));
      {
        dot.getStyleClass().add("status-dot");
        status.getStyleClass().add("muted");
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      }

      @Override protected void updateItem(StoredExperiment e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
          setGraphic(null);
          return;
        }
        name.setText(e.name());
        String owner = note.apply(e);
        boolean orphaned = owner.equals(org.tunebench.ui.MainViewModel.NO_OWNER);
        status.setText(e.status() + (owner.isEmpty() ? "" : " (" + owner + ")") + "  ·  " + HistoryView.objectives(e));
        // the whole line (a narrow sidebar cuts it: "eval_logloss ("), and who runs it
        String whole = e.name() + "\n" + status.getText();
        setTooltip(new Tooltip(owner.isEmpty() ? whole : whole + "\n" + (orphaned
            ? "No process runs it any more: the one that did ended without closing it. Resume continues it."
            : "Run by " + owner + "; tunebench pause, resume or stop " + e.name() + " steers it from a terminal.")));
        dot.getStyleClass().removeIf(s -> s.startsWith("status-") && !s.equals("status-dot"));
        // not alive: the colour of an interrupted experiment, not that of a running one
        dot.getStyleClass().add(StatusCell.styleClass(orphaned ? "paused" : statusClass(e.status())));
        setGraphic(box);
      }
    });
    list.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && selected() != null) c.open(selected());
    });
    MenuItem open = new MenuItem("Open");
    open.setOnAction(e -> { if (selected() != null) c.open(selected()); });
    MenuItem resume = new MenuItem("Resume");
    resume.setId("sidebar-resume");
    resume.setOnAction(e -> { if (selected() != null) c.resume(selected()); });
    MenuItem compare = new MenuItem("Compare selected");
    compare.setId("sidebar-compare");
    compare.setOnAction(e -> c.compare(List.copyOf(list.getSelectionModel().getSelectedItems())));
    MenuItem export = new MenuItem("Export CSV / JSON…");
    export.setOnAction(e -> { if (selected() != null) c.export(selected()); });
    MenuItem delete = new MenuItem("Delete…");
    delete.setId("sidebar-delete");
    delete.setOnAction(e -> { if (selected() != null) c.delete(selected()); });
    ContextMenu menu = new ContextMenu(open, resume, compare, new SeparatorMenuItem(), export, delete);
    // a finished experiment stays finished (as `tunebench resume` says)
    menu.setOnShowing(e -> resume.setDisable(selected() == null || selected().isFinished()));
    list.setContextMenu(menu);
    getChildren().addAll(title, list);
    javafx.scene.layout.VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    setMinWidth(150);
  }

  /** Experiment statuses share the trial colours: RUNNING, PAUSED; finished ones use TERMINATED/ERRORED. */
  static String statusClass(String s) {
    if (s == null) return "pending";
    return switch (s) {
      case "RUNNING" -> "running";
      case "PAUSED", "INTERRUPTED" -> "paused";
      case "ERRORED", "FAILED" -> "errored";
      case "TERMINATED", "FINISHED", "DONE", "COMPLETED" -> "terminated";
      default -> "pending";
    };
  }

  public StoredExperiment selected() {
    return list.getSelectionModel().getSelectedItem();
  }

  public ListView<StoredExperiment> list() {
    return list;
  }
}
