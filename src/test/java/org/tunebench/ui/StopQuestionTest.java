package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StopQuestionTest {
  @Test void theStopConfirmationCountsInEnglish() {
    assertEquals("1 trial is still running, pending or paused. Stop it? Their results so far stay in the database.",
        WorkbenchCommands.stopQuestion(1));
    assertEquals("2 trials are still running, pending or paused. Stop them all? Their results so far stay in the database.",
        WorkbenchCommands.stopQuestion(2));
  }
}
