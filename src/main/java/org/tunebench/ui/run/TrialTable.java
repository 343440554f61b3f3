package org.tunebench.ui.run;

import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.format.Numbers;
import org.tunebench.ui.session.TrialRow;
import org.tunebench.ui.session.TrialTableViewModel;

/** The trial table: sortable, filtered by the view model, with the steering context menu. */
public final class TrialTable extends TableView<TrialRow> {
  private static final long RESORT_MS = 500;
  // iter, last, best, time, retries, reason, config change: new config keys go before these
  private static final int TRAILING_COLUMNS = 7;
  private final int trailingColumns;
  private final TrialTableViewModel vm;
  private final SortedList<TrialRow> sorted;
  private int pendingSortChanges;
  private long lastSort;

  public TrialTable(TrialTableViewModel vm, ContextMenu menu, Consumer<TrialRow> openDetail) {
    setId("trial-table");
    this.vm = vm;
    // with several objectives, one "last" column per further objective
    trailingColumns = TRAILING_COLUMNS + vm.objectives().size() - 1;
    sorted = new SortedList<>(vm.filtered());
    setItems(sorted);
    // Rows change in place (no extractor), so the sorted list does not re-sort on every update; instead the
    // sort policy installs the table's comparator and frame() re-sorts at most twice a second, and only
    // when a value of a sorted column changed.
    setSortPolicy(t -> {
      resort();
      return true;
    });
    setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    setPlaceholder(new javafx.scene.control.Label("No trials yet: press Start"));

    TableColumn<TrialRow, String> id = new TableColumn<>("id");
    id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
    id.setComparator(Comparator.naturalOrder());
    key(id, Comparator.comparing(TrialRow::id));
    id.setPrefWidth(70);
    TableColumn<TrialRow, TrialStatus> status = new TableColumn<>("status");
    status.setCellValueFactory(c -> c.getValue().statusProperty());
    status.setCellFactory(c -> new TrialStatusCell());
    status.setPrefWidth(118);
    key(status, Comparator.comparing(TrialRow::status, Comparator.nullsFirst(Comparator.naturalOrder())));
    getColumns().add(id);
    getColumns().add(status);
    for (String k : vm.configKeys()) getColumns().add(configColumn(vm, k));
    vm.configKeys().addListener((ListChangeListener<String>) ch -> {
      while (ch.next()) {
        for (String k : ch.getAddedSubList()) getColumns().add(Math.max(2, getColumns().size() - trailingColumns), configColumn(vm, k));
      }
    });
    // hidden constant columns can be shown again from the header's "+" menu
    setTableMenuButtonVisible(true);
    TableColumn<TrialRow, Number> iter = new TableColumn<>("iter");
    iter.setCellValueFactory(c -> c.getValue().iterationProperty());
    iter.setPrefWidth(50);
    field(iter, TrialRow.ITERATION);
    field(status, TrialRow.STATUS);
    TableColumn<TrialRow, Double> last = numberColumn("last " + vm.metric());
    last.setCellValueFactory(c -> c.getValue().lastProperty());
    // with several objectives "best" is the first one's, and says so
    TableColumn<TrialRow, Double> best = numberColumn(vm.objectives().size() > 1 ? "best " + vm.metric() : "best");
    best.setCellValueFactory(c -> c.getValue().bestProperty());
    TableColumn<TrialRow, Number> runtime = new TableColumn<>("time s");
    runtime.setCellValueFactory(c -> c.getValue().runtimeProperty());
    runtime.setCellFactory(c -> numberCell());
    runtime.setPrefWidth(60);
    TableColumn<TrialRow, Number> retries = new TableColumn<>("retries");
    retries.setCellValueFactory(c -> c.getValue().retriesProperty());
    retries.setPrefWidth(50);
    field(last, TrialRow.LAST);
    field(best, TrialRow.BEST);
    field(runtime, TrialRow.RUNTIME);
    field(retries, TrialRow.RETRIES);
    key(iter, Comparator.comparingInt(r -> r.iterationProperty().get()));
    key(last, Comparator.comparing(r -> r.lastProperty().get(), Comparator.nullsLast(Comparator.naturalOrder())));
    key(best, Comparator.comparing(r -> r.bestProperty().get(), Comparator.nullsLast(Comparator.naturalOrder())));
    key(runtime, Comparator.comparingDouble(r -> r.runtimeProperty().get()));
    key(retries, Comparator.comparingInt(r -> r.retriesProperty().get()));
    TableColumn<TrialRow, String> reason = new TableColumn<>("reason");
    reason.setId("col-reason");
    reason.setCellValueFactory(c -> c.getValue().reasonProperty());
    reason.setCellFactory(c -> textWithTooltip());
    reason.setPrefWidth(170);
    key(reason, Comparator.comparing(r -> r.reasonProperty().get()));
    field(reason, TrialRow.REASON);
    TableColumn<TrialRow, String> change = new TableColumn<>("config change");
    change.setId("col-change");
    change.setCellValueFactory(c -> c.getValue().changeProperty());
    change.setCellFactory(c -> textWithTooltip());
    change.setPrefWidth(140);
    key(change, Comparator.comparing(r -> r.changeProperty().get()));
    field(change, TrialRow.CONFIG);
    getColumns().addAll(iter, last);
    for (String m : vm.objectives().subList(1, vm.objectives().size())) getColumns().add(objectiveColumn(m));
    getColumns().addAll(best, runtime, retries, reason, change);

    // the steering menu comes from the window's command model (same labels, shortcuts, enabled state)
    if (menu != null) setContextMenu(menu);
    setRowFactory(tv -> {
      TableRow<TrialRow> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) openDetail.accept(row.getItem());
      });
      return row;
    });
    setOnKeyPressed(e -> {
      if (new KeyCodeCombination(KeyCode.ENTER).match(e) && selected() != null) openDetail.accept(selected());
      if (COPY.match(e) && selected() != null) {
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(copyText(selected()));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        e.consume();
      }
    });
  }

  private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");

  /** The selected row as tab-separated header and values, numbers in full precision (cells show 4 digits). */
  public String copyText(TrialRow r) {
    StringBuilder head = new StringBuilder();
    StringBuilder row = new StringBuilder();
    for (TableColumn<TrialRow, ?> c : getVisibleLeafColumns()) {
      Object v = c.getCellData(r);
      if (v instanceof Map<?, ?> m) {
        v = c.getId() != null && c.getId().startsWith("col-last-") ? m.get(c.getId().substring("col-last-".length()))
            : valueAt(cast(m), c.getText().split("\\."));
      }
      if (v instanceof javafx.beans.value.ObservableValue<?> o) v = o.getValue();
      if (head.length() > 0) {
        head.append('\t');
        row.append('\t');
      }
      head.append(c.getText());
      row.append(v instanceof Number n && !(v instanceof Integer) && !(v instanceof Long) ? Numbers.full(n.doubleValue()) : Numbers.anyFull(v));
    }
    return head + "\n" + row + "\n";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static void field(TableColumn<TrialRow, ?> c, int mask) {
    c.getProperties().put("row-field", mask);
  }

  /**
   * A comparator on the row itself for a column, equivalent to its cell comparator on its cell value. The
   * table's own comparator goes through {@code getCellData} for both sides of every compare (cell value
   * factory, a CellDataFeatures and for id/config columns a fresh wrapper property each time): with 10,000
   * rows that was most of a sort's time.
   */
  private static void key(TableColumn<TrialRow, ?> c, Comparator<TrialRow> byRow) {
    c.getProperties().put("row-comparator", byRow);
  }

  /** The sort order as one comparator on rows: direct field access where the column has one. */
  @SuppressWarnings("unchecked")
  Comparator<TrialRow> rowComparator() {
    if (getSortOrder().isEmpty() || getComparator() == null) return null;
    Comparator<TrialRow> all = null;
    for (TableColumn<TrialRow, ?> col : getSortOrder()) {
      if (!col.isSortable()) continue;
      Comparator<TrialRow> c = (Comparator<TrialRow>) col.getProperties().get("row-comparator");
      if (c == null) {
        TableColumn<TrialRow, Object> oc = (TableColumn<TrialRow, Object>) col;
        Comparator<Object> cc = oc.getComparator();
        c = (a, b) -> cc.compare(oc.getCellData(a), oc.getCellData(b));
      }
      if (col.getSortType() == TableColumn.SortType.DESCENDING) c = c.reversed();
      all = all == null ? c : all.thenComparing(c);
    }
    return all;
  }

  private void resort() {
    Comparator<TrialRow> c = rowComparator();
    // a fresh comparator each time: SortedList sorts again only when its comparator object changes
    sorted.setComparator(c);
    lastSort = System.currentTimeMillis();
    pendingSortChanges = 0;
  }

  /** Once per frame: re-sort if a sorted column's value changed (at most every RESORT_MS). */
  public void frame() {
    int changes = vm.takeChanges();
    if (getSortOrder().isEmpty()) return;
    int sortedFields = 0;
    for (TableColumn<TrialRow, ?> c : getSortOrder()) {
      Object f = c.getProperties().get("row-field");
      if (f instanceof Integer m) sortedFields |= m;
    }
    pendingSortChanges |= changes & sortedFields;
    if (pendingSortChanges != 0 && System.currentTimeMillis() - lastSort >= RESORT_MS) resort();
  }

  public TrialRow selected() {
    return getSelectionModel().getSelectedItem();
  }

  /**
   * A config column's cell value is the row's whole config property (no object made per cell): a PBT exploit,
   * fork or reset replaces the map and the cell shows the new value at once; the cell picks its key.
   */
  private static TableColumn<TrialRow, Map<String, Object>> configColumn(TrialTableViewModel vm, String key) {
    TableColumn<TrialRow, Map<String, Object>> c = new TableColumn<>(key);
    c.setVisible(!vm.isConstant(key));
    String[] path = key.split("\\.");
    c.setCellValueFactory(cd -> cd.getValue().configProperty());
    c.setCellFactory(col -> new TableCell<>() {
      private final Tooltip full = new Tooltip();

      @Override protected void updateItem(Map<String, Object> config, boolean empty) {
        super.updateItem(config, empty);
        Object v = empty ? null : valueAt(config, path);
        setText(v == null ? null : Numbers.any(v));
        full.setText(Numbers.anyFull(v));
        setTooltip(!(v instanceof Double) ? null : full);
      }
    });
    c.setComparator((a, b) -> compareValues(valueAt(a, path), valueAt(b, path)));
    key(c, (a, b) -> compareValues(configValue(a, path), configValue(b, path)));
    c.setPrefWidth(70);
    return c;
  }

  /** The last value of a further objective, read from the row's last result (no object made per cell). */
  private TableColumn<TrialRow, Map<String, Object>> objectiveColumn(String metric) {
    TableColumn<TrialRow, Map<String, Object>> c = new TableColumn<>("last " + metric);
    c.setId("col-last-" + metric);
    c.setCellValueFactory(cd -> cd.getValue().lastResultProperty());
    c.setCellFactory(col -> new TableCell<>() {
      private final Tooltip full = new Tooltip();

      @Override protected void updateItem(Map<String, Object> result, boolean empty) {
        super.updateItem(result, empty);
        Object v = empty || result == null ? null : result.get(metric);
        setText(v instanceof Number n ? Numbers.format(n.doubleValue()) : null);
        full.setText(Numbers.anyFull(v));
        setTooltip(v instanceof Number ? full : null);
      }
    });
    c.setComparator((a, b) -> compareValues(a == null ? null : a.get(metric), b == null ? null : b.get(metric)));
    key(c, (a, b) -> compareValues(objective(a, metric), objective(b, metric)));
    field(c, TrialRow.LAST);
    c.setPrefWidth(80);
    return c;
  }

  private static Object objective(TrialRow r, String metric) {
    Map<String, Object> m = r.lastResultProperty().get();
    return m == null ? null : m.get(metric);
  }

  private static Object valueAt(Map<String, Object> config, String[] path) {
    Object cur = config;
    for (String part : path) {
      if (!(cur instanceof Map<?, ?> m)) return null;
      cur = m.get(part);
    }
    return cur;
  }

  private static Object configValue(TrialRow r, String[] path) {
    Object cur = r.config();
    for (String part : path) {
      if (!(cur instanceof java.util.Map<?, ?> m)) return null;
      cur = m.get(part);
    }
    return cur;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object a, Object b) {
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
    if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) return ca.compareTo(b);
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** Plain text, with the whole text as a tooltip when the column is too narrow for it. */
  private static TableCell<TrialRow, String> textWithTooltip() {
    return new TableCell<>() {
      private final Tooltip full = new Tooltip();

      @Override protected void updateItem(String v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty ? null : v);
        full.setText(v == null ? "" : v);
        setTooltip(empty || v == null || v.isEmpty() ? null : full);
      }
    };
  }

  private static TableColumn<TrialRow, Double> numberColumn(String title) {
    TableColumn<TrialRow, Double> c = new TableColumn<>(title);
    c.setCellFactory(col -> numberCell());
    c.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
    // wide enough for four significant digits in either notation (0.003886, -1.235e-14)
    c.setPrefWidth(92);
    return c;
  }

  private static <T extends Number> TableCell<TrialRow, T> numberCell() {
    return new TableCell<>() {
      private final Tooltip full = new Tooltip();

      @Override protected void updateItem(T v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty || v == null ? null : Numbers.format(v.doubleValue()));
        full.setText(v == null ? "" : Numbers.full(v.doubleValue()));
        setTooltip(empty || v == null ? null : full);
      }
    };
  }

  static KeyCombination shortcut(String s) {
    return KeyCombination.keyCombination(s);
  }
}
