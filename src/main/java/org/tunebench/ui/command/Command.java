package org.tunebench.ui.command;

import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What a command does and when it can: the handler and an enabled-state test. Every control made for it by
 * {@link ActionFactory} follows {@link #executableProperty()}, which {@link #refresh()} re-evaluates (the window
 * refreshes its commands on selection changes, in the pulse in which a trial or experiment changes status, and
 * twice a second; a shortcut re-evaluates its command before it fires).
 */
public final class Command {
  private final BooleanSupplier canExecute;
  private final Runnable handler;
  private final ReadOnlyBooleanWrapper executable = new ReadOnlyBooleanWrapper(true);

  public Command(BooleanSupplier canExecute, Runnable handler) {
    this.canExecute = canExecute;
    this.handler = handler;
    refresh();
  }

  public static Command always(Runnable handler) {
    return new Command(() -> true, handler);
  }

  public void refresh() {
    boolean can;
    try {
      can = canExecute.getAsBoolean();
    } catch (RuntimeException e) {
      can = false;
    }
    executable.set(can);
  }

  /** Runs the handler if the command can run now (a shortcut may fire between two refreshes). */
  public void execute() {
    refresh();
    if (executable.get()) handler.run();
  }

  public ReadOnlyBooleanProperty executableProperty() {
    return executable.getReadOnlyProperty();
  }

  public boolean isExecutable() {
    return executable.get();
  }
}
