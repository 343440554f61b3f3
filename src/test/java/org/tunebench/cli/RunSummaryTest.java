package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunSummaryTest {
  @Test void aRunWhereEveryTrialErroredDoesNotSayCompleted() {
    assertEquals("Experiment x finished: 4 of 4 trials errored.", RunSupport.summary("x", "COMPLETED", 4, 4));
  }

  @Test void otherRunsKeepTheirStatus() {
    assertEquals("Experiment x COMPLETED: 4 trials, 1 errored.", RunSupport.summary("x", "COMPLETED", 4, 1));
    assertEquals("Experiment x STOPPED: 4 trials, 4 errored.", RunSupport.summary("x", "STOPPED", 4, 4));
    assertEquals("Experiment x COMPLETED: 0 trials, 0 errored.", RunSupport.summary("x", "COMPLETED", 0, 0));
  }
}
