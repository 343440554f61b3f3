package org.tunebench.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TrialRow;
import org.tunebench.ui.session.TrialTableViewModel;

/** The table sorts on row fields directly; the order must be the one the columns' cell comparators give. */
@ExtendWith(ApplicationExtension.class)
class TrialTableSortTest {
  TrialTableViewModel vm;
  TrialTable table;

  @Start void start(Stage stage) {
    vm = new TrialTableViewModel("loss");
    Random rnd = new Random(7);
    List<TrialSnapshot> snaps = new ArrayList<>();
    TrialStatus[] st = TrialStatus.values();
    for (int i = 0; i < 500; i++) {
      Map<String, Object> config = new HashMap<>();
      config.put("lr", rnd.nextInt(5) * 0.1);
      config.put("net", Map.of("depth", rnd.nextInt(4)));
      if (i % 3 == 0) config.put("opt", rnd.nextBoolean() ? "adam" : "sgd");
      Double best = i % 11 == 0 ? null : (double) rnd.nextInt(20);
      Map<String, Object> last = i % 13 == 0 ? null : Map.of("loss", (double) rnd.nextInt(20));
      snaps.add(new TrialSnapshot(String.format("%05d", rnd.nextInt(100_000)), i, st[rnd.nextInt(st.length)], config,
          rnd.nextInt(10), last, best, rnd.nextInt(3), null, null, null, null, Instant.EPOCH, rnd.nextInt(50) * 0.5, null, null, null, null));
    }
    vm.apply(snaps);
    table = new TrialTable(vm, null, r -> {}, r -> {});
    stage.setScene(new Scene(table, 900, 400));
    stage.show();
  }

  @Test void everyColumnSortsLikeItsCellComparator(FxRobot robot) {
    robot.interact(() -> {
      List<TableColumn<TrialRow, ?>> cols = new ArrayList<>(table.getColumns());
      for (TableColumn<TrialRow, ?> c : cols) {
        for (TableColumn.SortType type : TableColumn.SortType.values()) {
          c.setSortType(type);
          // a second key so that equal first keys still give one defined order
          TableColumn<TrialRow, ?> id = cols.get(0);
          id.setSortType(TableColumn.SortType.ASCENDING);
          table.getSortOrder().setAll(c == id ? List.of(c) : List.of(c, id));
          List<TrialRow> expected = new ArrayList<>(vm.rows());
          expected.sort(table.getComparator()); // the TableView's own, via getCellData
          assertEquals(ids(expected), ids(table.getItems()), c.getText() + " " + type);
        }
      }
      table.getSortOrder().clear();
      assertEquals(ids(vm.rows()), ids(table.getItems()), "no sort order: the view model's order");
    });
  }

  private static List<String> ids(List<TrialRow> rows) {
    return rows.stream().map(r -> r.id() + "/" + r.seq()).toList();
  }
}
