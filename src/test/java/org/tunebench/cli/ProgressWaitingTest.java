package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

class ProgressWaitingTest {
  private static TrialSnapshot t(String id, TrialStatus s, String waitingFor) {
    return new TrialSnapshot(id, Integer.parseInt(id), s, Map.of(), 0, null, null, 0, null, null, "/tmp/t", null, null,
        0, null, null, waitingFor, null);
  }

  @Test void eachReasonOnceWithHowManyTrialsWaitForItMostCommonFirst() {
    String agents = "resources: an agent with 2 CPU and 512 MB free (the agents hold 2 trials at once; 2 running)";
    List<TrialSnapshot> all = List.of(t("00000", TrialStatus.RUNNING, null), t("00001", TrialStatus.PENDING, "a slot"),
        t("00002", TrialStatus.PENDING, agents), t("00003", TrialStatus.PENDING, agents),
        t("00004", TrialStatus.TERMINATED, "stale"), t("00005", TrialStatus.RUNNING, "waiting for its worker JVM"));
    assertEquals("Waiting (2): " + agents + "\nWaiting (1): a slot\nWaiting (1): waiting for its worker JVM\n",
        ProgressReporter.waiting(all));
    assertEquals("", ProgressReporter.waiting(List.of(t("00000", TrialStatus.RUNNING, null))));
  }
}
