package org.tunebench.ui.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.tunebench.store.StoredExperiment;

/**
 * Every stored experiment in one table, searchable by name, date, status and metric, with buttons to reopen,
 * resume, compare, export and delete (the same commands as the sidebar's menu).
 */
public final class HistoryView extends BorderPane {
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
  private final TableView<StoredExperiment> table = new TableView<>();
  private final FilteredList<StoredExperiment> filtered;

  /** {@code note}: who runs an experiment when that is worth saying (another process, or none). */
  public HistoryView(ObservableList<StoredExperiment> experiments, java.util.function.Function<StoredExperiment, String> note,
      SidebarView.Commands c) {
    setId("history-view");
    filtered = new FilteredList<>(experiments);
    SortedList<StoredExperiment> sorted = new SortedList<>(filtered);
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.setId("history-table");
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.setPlaceholder(new Label("No experiments match"));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("name", StoredExperiment::name, 220));
    table.getColumns().add(column("status", e -> e.status() + (note.apply(e).isEmpty() ? "" : " (" + note.apply(e) + ")"), 110));
    table.getColumns().add(column("metric", HistoryView::objectives, 140));
    table.getColumns().add(column("created", e -> e.createdAt() == null ? "" : DATE.format(e.createdAt()), 140));
    table.getColumns().add(column("updated", e -> e.updatedAt() == null ? "" : DATE.format(e.updatedAt()), 140));
    table.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && selected() != null) c.open(selected());
    });

    TextField search = new TextField();
    search.setId("history-search");
    search.setPromptText("search name, date (2026-11), status, metric…");
    search.setPrefColumnCount(28);
    search.textProperty().addListener((o, a, t) -> filtered.setPredicate(matcher(t)));
    Button open = button("Reopen", "history-open", () -> c.open(selected()), true);
    Button resume = button("Resume", "history-resume", () -> c.resume(selected()), true);
    Button compare = button("Compare", "history-compare", () -> c.compare(List.copyOf(table.getSelectionModel().getSelectedItems())), false);
    Button export = button("Export…", "history-export", () -> c.export(selected()), true);
    Button delete = button("Delete…", "history-delete", () -> c.delete(selected()), true);
    // a finished experiment stays finished (as `tunebench resume` says)
    resume.disableProperty().unbind();
    resume.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
        () -> selected() == null || selected().isFinished(), table.getSelectionModel().selectedItemProperty()));
    compare.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, search, spacer, open, resume, compare, export, delete);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6));
    setTop(bar);
    setCenter(table);
  }

  private Button button(String text, String id, Runnable r, boolean needsOne) {
    Button b = new Button(text);
    b.setId(id);
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setOnAction(e -> r.run());
    if (needsOne) b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    return b;
  }

  private static TableColumn<StoredExperiment, String> column(String title, java.util.function.Function<StoredExperiment, String> f, double w) {
    TableColumn<StoredExperiment, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
    c.setPrefWidth(w);
    return c;
  }

  /** "loss (min)", or every objective of a multi-objective experiment: "loss (min), latency_ms (min)". */
  public static String objectives(StoredExperiment e) {
    return org.tunebench.app.analysis.ParetoTable.label(
        org.tunebench.app.analysis.ParetoTable.objectivesOf(e.spec(), e.metric(), e.mode()));
  }

  /** Every word must match the name, status, metric or a date (created or updated, as yyyy-MM-dd HH:mm). */
  static Predicate<StoredExperiment> matcher(String text) {
    if (text == null || text.isBlank()) return null;
    String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    return e -> {
      String hay = (e.name() + " " + e.status() + " " + objectives(e) + " "
          + (e.createdAt() == null ? "" : DATE.format(e.createdAt())) + " "
          + (e.updatedAt() == null ? "" : DATE.format(e.updatedAt()))).toLowerCase(Locale.ROOT);
      for (String w : words) if (!hay.contains(w)) return false;
      return true;
    };
  }

  public StoredExperiment selected() {
    return table.getSelectionModel().getSelectedItem();
  }

  public TableView<StoredExperiment> table() {
    return table;
  }
}
