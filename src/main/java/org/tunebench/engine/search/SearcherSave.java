package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a searcher stores after a change ({@link Searcher#saveChanges}): {@code state} is small and replaces the
 * stored one (seed, counters); {@code appended} holds what changed since the last save (a suggested trial, a
 * trial's loss) and goes after the entries stored before. A save then costs what changed, not the history.
 */
public record SearcherSave(JsonNode state, List<JsonNode> appended) {
  public SearcherSave {
    appended = List.copyOf(appended);
  }
}
