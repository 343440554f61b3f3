package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one result changed, stored in the same transaction as the result (decision 0019): the scheduler's and
 * the stoppers' saves since the previous write, and {@code decision}, how the driver answered the result when
 * that was not simply "go on" (null then), so a resume after a hard kill carries that answer out instead of
 * deciding the iteration again.
 */
public record ResultEffects(PluginSave scheduler, PluginSave stopper, JsonNode decision) {
  public static final String SCHEDULER = "scheduler";
  public static final String STOPPER = "stopper";
  private static final ResultEffects NONE = new ResultEffects(PluginSave.appended(java.util.List.of()),
      PluginSave.appended(java.util.List.of()), null);

  /** Nothing changed and nothing to carry out (a replayed iteration). */
  public static ResultEffects none() {
    return NONE;
  }
}
