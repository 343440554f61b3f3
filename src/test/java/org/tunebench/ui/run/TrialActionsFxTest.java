package org.tunebench.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What a steering command's outcome leaves in the status bar. */
@ExtendWith(ApplicationExtension.class)
class TrialActionsFxTest {
  @Start void start(Stage stage) {}

  @Test void aCommandThatSucceedsTakesAnOlderRefusalAway() {
    List<String> shown = new ArrayList<>();
    TrialActions actions = new TrialActions(null, shown::add);
    actions.report(CompletableFuture.failedFuture(new IllegalArgumentException("extend by at least 1 iteration")), "extend 00001");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of("extend 00001: extend by at least 1 iteration"), shown);
    actions.report(CompletableFuture.completedFuture(null), "extend 00001");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(Arrays.asList("extend 00001: extend by at least 1 iteration", null), shown);
    actions.report(CompletableFuture.completedFuture(null), "pause 00002");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(2, shown.size(), "a success with no refusal of ours on show leaves the status bar alone");
  }
}
