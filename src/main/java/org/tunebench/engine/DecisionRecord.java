package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How a result was answered, when that was more than "go on", as it is stored with the result (decision 0019) for
 * a resume after a hard kill to carry out ({@link DriverResume}): {@code stop}/{@code pause} with the reason the
 * trial ends or pauses with, {@code reset} with the PBT exploit, and what else the answer carried (running trials
 * it stopped, the experiment's stop), and the iteration an extended trial stops at ({@code stopAt}), with every
 * answer to such a trial, "go on" included.
 */
final class DecisionRecord {
  private DecisionRecord() {}

  /**
   * Null for a plain "go on" (or no answer); {@code stoppedByThisResult}: running trials the result stopped
   * (a halving); {@code experimentStop}: the reason of a stop of the whole experiment under way, or null.
   */
  static JsonNode of(Trial t, WorkerReply reply, List<Trial> stoppedByThisResult, String experimentStop) {
    if (reply == null) return null;
    ObjectNode d = JsonNodeFactory.instance.objectNode().put("iteration", t.iteration);
    if (t.exploit != null) {
      Trial.Exploit e = t.exploit;
      // "exploits": how many this trial had before this one, so a resume can tell whether it was recorded
      d.put("d", "reset").put("donor", e.donorId()).put("path", e.donorCheckpoint().path().toString())
          .put("donorIteration", e.donorCheckpoint().iteration()).put("timeTotalS", e.donorCheckpoint().timeTotalS())
          .put("exploits", t.exploitsRecorded);
      d.set("config", ConfigJson.MAPPER.valueToTree(e.newConfig()));
    } else if (t.intent == Trial.Intent.PAUSE) {
      d.put("d", "pause").put("reason", t.intentReason == null ? "paused" : t.intentReason)
          .put("byScheduler", t.pausedByScheduler);
    } else if (t.intent == Trial.Intent.STOP) {
      d.put("d", "stop").put("reason", t.intentReason == null ? "stopped" : t.intentReason);
    } else if (stoppedByThisResult.isEmpty() && t.stopAtIteration == null) {
      return null;
    }
    // an extension (Extend, a fork's iterations) lives only in the driver: a resume learns it from here
    if (t.stopAtIteration != null) d.put("stopAt", t.stopAtIteration).put("stopAtWhy", t.stopAtWhy);
    if (!stoppedByThisResult.isEmpty()) {
      ArrayNode others = d.putArray("stopped");
      for (Trial o : stoppedByThisResult) others.addObject().put("id", o.id).put("reason", o.intentReason);
    }
    if (experimentStop != null) d.put("experimentStop", experimentStop);
    return d;
  }
}
