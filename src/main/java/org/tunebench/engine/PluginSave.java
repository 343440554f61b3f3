package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a scheduler or stopper stores after a change ({@code saveChanges()}). {@code replaces}: {@code state}
 * is the plug-in's whole state and takes the place of everything stored before, entries included (a plug-in
 * without incremental saves, or a periodic snapshot); otherwise {@code appended} goes after the entries stored
 * so far, and a restore is the stored state followed by those entries in order. A save then costs what
 * changed, not the history.
 */
public record PluginSave(boolean replaces, JsonNode state, List<JsonNode> appended) {
  private static final PluginSave NOTHING = new PluginSave(false, null, List.of());

  public PluginSave {
    appended = List.copyOf(appended);
  }

  /** The whole state (may be null: the plug-in keeps nothing), replacing what was stored. */
  public static PluginSave whole(JsonNode state) {
    return new PluginSave(true, state, List.of());
  }

  /** Entries that go after those stored so far; none: nothing changed. */
  public static PluginSave appended(List<JsonNode> entries) {
    return entries.isEmpty() ? NOTHING : new PluginSave(false, null, entries);
  }

  /** The entries {@code changes} gathered since the last save, which it then forgets. */
  public static PluginSave drain(List<JsonNode> changes) {
    PluginSave s = appended(changes);
    changes.clear();
    return s;
  }

  /** True when nothing is to be written. */
  public boolean isEmpty() {
    return !replaces && appended.isEmpty();
  }
}
