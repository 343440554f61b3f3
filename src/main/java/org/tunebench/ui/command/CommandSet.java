package org.tunebench.ui.command;

import java.util.EnumMap;
import java.util.Map;

/** The commands of one window (or of one dashboard in a test), each once, by {@link StandardAction}. */
public final class CommandSet {
  private final Map<StandardAction, Command> commands = new EnumMap<>(StandardAction.class);

  public CommandSet put(StandardAction a, Command c) {
    commands.put(a, c);
    return this;
  }

  /** The command for {@code a}; one that can never run when nothing handles it here. */
  public Command get(StandardAction a) {
    return commands.computeIfAbsent(a, k -> new Command(() -> false, () -> {}));
  }

  public boolean has(StandardAction a) {
    return commands.containsKey(a);
  }

  /** Re-evaluates every command's enabled state. */
  public void refresh() {
    commands.values().forEach(Command::refresh);
  }
}
