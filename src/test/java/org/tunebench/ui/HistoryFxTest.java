package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.history.CompareView;
import org.tunebench.ui.session.TrialRow;

/** History, compare, trial detail and analysis against a store filled through its own API (headless). */
@ExtendWith(ApplicationExtension.class)
class HistoryFxTest {
  static final int TRIALS = 6;
  static final int ITERS = 30;
  MainWindow window;

  @Start void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("tb-ui-history");
    MainViewModel vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fill(vm.store(), dir, "past-a", TRIALS, ITERS, 1);
    StoreFixtures.fill(vm.store(), dir, "past-b", TRIALS, ITERS, 2);
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  static void await(String what, BooleanSupplier cond) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return cond.getAsBoolean();
    });
    assertTrue(cond.getAsBoolean(), what);
  }

  /** As {@link #await}, with the condition read on the FX thread: charts rebuild their datasets there. */
  static void awaitFx(String what, BooleanSupplier cond) throws Exception {
    await(what, () -> {
      try {
        return ScreenshotTour.fx(cond::getAsBoolean);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  ExperimentTab openPast(FxRobot robot, String name) throws Exception {
    robot.doubleClickOn(name);
    await(name + " opens from the store", () -> window.current().map(t -> t.session() != null
        && t.session().name().equals(name)).orElse(false));
    await("the loading indicator goes away", () -> robot.lookup("#busy-overlay").tryQuery().isEmpty());
    return window.current().orElseThrow();
  }

  @Test void opensAPastExperimentWithTrialsCurvesAndTimeline(FxRobot robot) throws Exception {
    assertEquals(2, window.sidebar().list().getItems().size());
    ExperimentTab t = openPast(robot, "past-a");
    assertEquals(TRIALS, t.session().table().rows().size());
    assertEquals(TRIALS - 1, t.session().table().count(TrialStatus.TERMINATED));
    assertEquals(1, t.session().table().count(TrialStatus.ERRORED));
    assertEquals(ITERS, t.session().curves().curve("00000").size());
    assertTrue(t.session().timeline().rows().get("00000").stream().anyMatch(s -> s.status() == TrialStatus.PAUSED),
        "the PAUSED span came back from the events");
    assertTrue(robot.lookup("#trial-table").tryQuery().isPresent());
    assertTrue(t.session().curves().bestY().size() > 0);
    assertTrue(!t.session().isLive(), "a past experiment opens read-only");
  }

  /** The form of a tab that holds an experiment starts a new one elsewhere; the tab keeps its experiment and name. */
  @Test void startOnAPastExperimentsSetupCopiesItToANewTab(FxRobot robot) throws Exception {
    ExperimentTab t = openPast(robot, "past-a");
    robot.interact(() -> t.setup().name.set("past-a-renamed"));
    assertEquals("past-a", t.getText(), "editing the form does not rename the experiment's tab");
    robot.interact(() -> t.setup().name.set("past-a"));
    assertEquals("Start as a new experiment", robot.lookup("#setup-start").queryButton().getText());
    robot.interact(t::start);
    await("a new tab holds the copy", () -> window.current().map(x -> x != t).orElse(false));
    ExperimentTab copy = window.current().orElseThrow();
    assertEquals("past-a-2", copy.setup().name.get(), "the name the database holds is not taken again");
    assertEquals(null, copy.session(), "it waits for Start");
    assertEquals("past-a exists already: its setup is copied here as past-a-2; change what you like and press Start",
        robot.lookup("#sb-message").queryAs(javafx.scene.control.Label.class).getText());
    assertEquals("past-a", t.session().name(), "the old tab keeps its experiment");
    assertEquals("past-a", t.setup().name.get());
  }

  @Test void comparesTwoExperiments(FxRobot robot) throws Exception {
    robot.interact(() -> window.sidebar().list().getSelectionModel().selectAll());
    List<StoredExperiment> both = List.copyOf(window.sidebar().list().getSelectionModel().getSelectedItems());
    robot.interact(() -> window.compare(both));
    await("a compare tab opens", () -> robot.lookup("#compare-view").tryQuery().isPresent());
    CompareView v = robot.lookup("#compare-view").queryAs(CompareView.class);
    @SuppressWarnings("unchecked") TableView<CompareView.Summary> table = (TableView<CompareView.Summary>) v.getItems().get(1);
    assertEquals(2, table.getItems().size());
    assertEquals(TRIALS, table.getItems().get(0).trials());
    assertEquals(1, table.getItems().get(1).errored());
    assertEquals("Best so far, by time", ((org.tunebench.ui.chart.BestSoFarChart) v.getItems().get(0)).chart().getTitle().getText());
    // the best configs' diff: numbers in the one format, full precision in the tooltip
    await("the best configs are diffed", () -> robot.lookup("#compare-diff").tryQuery().isPresent()
        && !robot.lookup("#compare-diff").queryAs(TableView.class).getItems().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    int numbers = 0;
    for (javafx.scene.Node n : robot.lookup("#compare-diff .table-cell").queryAll()) {
      if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getItem() instanceof Double d) {
        numbers++;
        assertEquals(org.tunebench.ui.format.Numbers.any(d), c.getText());
        assertEquals(org.tunebench.ui.format.Numbers.anyFull(d), c.getTooltip().getText());
      }
    }
    assertTrue(numbers > 0, "the diff shows numeric values");
  }

  @Test void trialDetailLoadsResultsAndShowsTheError(FxRobot robot) throws Exception {
    ExperimentTab t = openPast(robot, "past-a");
    TrialRow ok = t.session().table().row("00000");
    robot.interact(() -> t.openDetail(ok));
    await("results arrive", () -> robot.lookup("#detail-results").tryQuery().isPresent());
    assertEquals(ITERS, robot.lookup("#detail-results").queryAs(TableView.class).getItems().size());
    assertTrue(robot.lookup("#detail-config").queryAs(TextArea.class).getText().contains("lr = "));
    assertTrue(robot.lookup("#detail-chart").tryQuery().isPresent());
    TrialRow bad = t.session().table().row(String.format("%05d", TRIALS - 1));
    robot.interact(() -> t.openDetail(bad));
    await("the error tab", () -> robot.lookup("#detail-error").tryQuery().isPresent());
    String err = robot.lookup("#detail-error").queryAs(TextArea.class).getText();
    assertTrue(err.contains("x out of range") && err.contains("Rosenbrock.java:42"), err);
  }

  @Test void analysisOffersTheVaryingNumericParameters(FxRobot robot) throws Exception {
    ExperimentTab t = openPast(robot, "past-b");
    robot.interact(t::showAnalysis);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(robot.lookup("#analysis-view").tryQuery().isPresent());
    @SuppressWarnings("unchecked") ComboBox<String> p = robot.lookup("#scatter-param").queryAs(ComboBox.class);
    // the analysis is computed off the FX thread: its parameters arrive a moment after the tab shows
    await("the parameters are offered", () -> !p.getItems().isEmpty());
    assertEquals(List.of("lr", "depth"), p.getItems());
    assertEquals("lr", p.getValue());
    robot.interact(() -> p.setValue("depth"));
    assertEquals("depth", p.getValue());
  }

  @Test void detailsFollowTheRowLiveAndEscClosesThem(FxRobot robot) throws Exception {
    ExperimentTab t = openPast(robot, "past-a");
    TrialRow ok = t.session().table().row("00000");
    robot.interact(() -> t.openDetail(ok));
    await("the detail window", () -> robot.lookup("#detail-config").tryQuery().isPresent());
    // the driver replaces the config (a PBT exploit): the open window follows within a second
    robot.interact(() -> t.session().table().exploited("00000", "00003", java.util.Map.of("lr", 0.0037241, "depth", 9)));
    await("the config follows the row", () -> robot.lookup("#detail-config").queryAs(TextArea.class).getText().contains("0.0037241"));
    await("the header says why it changed", () -> robot.lookup("#detail-head").queryAs(javafx.scene.control.Label.class).getText().contains("exploited 00003"));
    int windows = javafx.stage.Window.getWindows().size();
    robot.clickOn("#detail-config").type(javafx.scene.input.KeyCode.ESCAPE);
    await("Esc closes the detail window", () -> javafx.stage.Window.getWindows().size() == windows - 1);
  }

  @Test void historyViewSearchesByStatusAndName(FxRobot robot) throws Exception {
    robot.clickOn("#tool-history");
    await("the History tab", () -> robot.lookup("#history-table").tryQuery().isPresent());
    TableView<?> table = robot.lookup("#history-table").queryAs(TableView.class);
    assertEquals(2, table.getItems().size());
    robot.clickOn("#history-search").write("past-b");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, table.getItems().size());
    assertTrue(robot.lookup("#history-delete").queryButton().isDisabled(), "delete needs a selection");
    robot.interact(() -> table.getSelectionModel().select(0));
    assertFalse(robot.lookup("#history-delete").queryButton().isDisabled());
    assertTrue(robot.lookup("#history-resume").queryButton().isDisabled(), "a COMPLETED experiment stays finished");
    // and when asked anyway (the sidebar's menu), it says why and runs nothing
    robot.interact(() -> new HistoryActions(window).resume(window.viewModel().experiments().get(0)));
    assertEquals(0, window.tabs().getTabs().stream().filter(t -> t instanceof ExperimentTab).count());
    assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Label l && l.getText() != null
        && l.getText().contains("(finished): there is nothing to resume")).tryQuery().isPresent(), "the status bar says why");
  }
}
