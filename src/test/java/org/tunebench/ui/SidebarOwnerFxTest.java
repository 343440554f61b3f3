package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.tunebench.store.H2Journal;
import org.tunebench.store.OwnerLock;
import org.tunebench.store.StoredExperiment;

/**
 * An experiment stored as RUNNING whose owner died (only an owner changes a status) says in the sidebar that
 * nobody runs it; a finished one says nothing more; one this process owns says nothing more either.
 */
@ExtendWith(ApplicationExtension.class)
class SidebarOwnerFxTest {
  MainWindow window;
  MainViewModel vm;
  OwnerLock ours;

  @Start void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("tb-ui-owner");
    vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fill(vm.store(), dir.resolve("done"), "finished", 2, 5, 1);
    StoreFixtures.fill(vm.store(), dir.resolve("crashed"), "crashed", 2, 5, 2);
    StoreFixtures.fill(vm.store(), dir.resolve("mine"), "mine", 2, 5, 3);
    for (String name : List.of("crashed", "mine")) {
      try (H2Journal j = vm.store().journal(vm.store().find(name).orElseThrow().id())) {
        j.experimentStatus("RUNNING", Instant.now()); // as a run that was killed left it
      }
    }
    ours = OwnerLock.acquire(Path.of(vm.store().find("mine").orElseThrow().homeDir())).lock();
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
    ours.close();
  }


  @Test void aRunningExperimentWithoutALiveOwnerSaysSo(FxRobot robot) {
    assertEquals(MainViewModel.NO_OWNER, vm.ownerNote(find("crashed")));
    assertEquals("", vm.ownerNote(find("finished")));
    assertEquals("", vm.ownerNote(find("mine")), "this process runs it");
    List<String> shown = robot.lookup("#experiment-list .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
    assertTrue(shown.stream().anyMatch(t -> t.startsWith("RUNNING (no owner)")), shown.toString());
    assertEquals(1, shown.stream().filter(t -> t.contains("(no owner)")).count(), shown.toString());
  }

  private StoredExperiment find(String name) {
    return vm.experiments().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }
}
