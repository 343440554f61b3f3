package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TrialRow;
import org.tunebench.ui.session.TrialTableViewModel;

class TrialTableViewModelTest {
  static TrialSnapshot snap(String id, TrialStatus s, int iter, Map<String, Object> config) {
    return new TrialSnapshot(id, Integer.parseInt(id), s, config, iter, Map.of("loss", 10.0 - iter), 10.0 - iter, 0,
        null, null, null, null, Instant.now(), iter, null, null, null, null);
  }

  @Test void rowsAreUpdatedInPlaceAndOnlyNewTrialsAreAdded() {
    TrialTableViewModel vm = new TrialTableViewModel("loss");
    List<ListChangeListener.Change<? extends TrialRow>> changes = new ArrayList<>();
    vm.rows().addListener((ListChangeListener<TrialRow>) changes::add);
    List<TrialSnapshot> first = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) first.add(snap(String.valueOf(i), TrialStatus.PENDING, 0, Map.of("lr", i * 0.1, "net", Map.of("depth", 3))));
    vm.apply(first);
    assertEquals(1, changes.size(), "10,000 trials arrive as one list change");
    TrialRow row = vm.row("42");
    vm.apply(List.of(snap("42", TrialStatus.RUNNING, 7, Map.of("lr", 4.2, "net", Map.of("depth", 3)))));
    assertEquals(1, changes.size(), "an update does not touch the list");
    assertSame(row, vm.row("42"));
    assertEquals(TrialStatus.RUNNING, row.status());
    assertEquals(7, row.iterationProperty().get());
    assertEquals(3.0, row.lastProperty().get());
    // Map.of has no iteration order, so the column order is not part of the contract here
    assertEquals(java.util.Set.of("lr", "net.depth"), java.util.Set.copyOf(vm.configKeys()), "nested keys are dotted columns");
    assertEquals(3, row.configValue("net.depth"));
  }

  @Test void filterMatchesStatusIdAndConfig() {
    TrialTableViewModel vm = new TrialTableViewModel("loss");
    vm.apply(List.of(snap("1", TrialStatus.RUNNING, 1, Map.of("act", "relu")), snap("2", TrialStatus.PAUSED, 1, Map.of("act", "tanh"))));
    vm.filterProperty().set("paused");
    assertEquals(1, vm.filtered().size());
    vm.filterProperty().set("relu");
    assertEquals("1", vm.filtered().get(0).id());
    vm.filterProperty().set("");
    assertEquals(2, vm.filtered().size());
  }

  @Test void countsAndChangeMasksFollowUpdatesWithoutScanningRows() {
    TrialTableViewModel vm = new TrialTableViewModel("loss");
    vm.apply(List.of(snap("1", TrialStatus.RUNNING, 1, Map.of("lr", 0.1)), snap("2", TrialStatus.PENDING, 0, Map.of("lr", 0.2))));
    vm.takeChanges();
    assertEquals(1, vm.count(TrialStatus.RUNNING));
    assertEquals(1, vm.count(TrialStatus.PENDING));
    int c = vm.apply(List.of(snap("2", TrialStatus.RUNNING, 0, Map.of("lr", 0.2))));
    assertEquals(TrialRow.STATUS, c, "only the status changed");
    assertEquals(2, vm.count(TrialStatus.RUNNING));
    assertEquals(0, vm.count(TrialStatus.PENDING));
    vm.apply(List.of(snap("1", TrialStatus.RUNNING, 2, Map.of("lr", 0.1))));
    int both = TrialRow.STATUS | TrialRow.ITERATION;
    assertEquals(both, vm.takeChanges() & both, "changes accumulate until the table takes them");
    assertEquals(0, vm.takeChanges());
  }
}
