package org.tunebench.ui.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.MapChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Region;

/** Makes menu items, buttons and context menus for commands: label, shortcut, icon and enabled state. */
public final class ActionFactory {
  private final CommandSet commands;

  public ActionFactory(CommandSet commands) {
    this.commands = commands;
  }

  public CommandSet commands() {
    return commands;
  }

  /** A menu item with the shortcut as accelerator (shortcuts work from anywhere in the window). */
  public MenuItem menuItem(StandardAction a) {
    Command c = commands.get(a);
    MenuItem m = new MenuItem(a.label());
    m.setId("menu-" + a.id());
    if (a.accelerator() != null) m.setAccelerator(KeyCombination.keyCombination(a.accelerator()));
    m.disableProperty().bind(c.executableProperty().not());
    // a shortcut fires a menu item only if it is enabled, and JavaFX asks the item to validate itself first:
    // re-evaluate here, so a key pressed right after a trial's status changed never meets a stale disabled state
    m.setOnMenuValidation(e -> c.refresh());
    m.setOnAction(e -> c.execute());
    return m;
  }

  /**
   * A context-menu item, shortcut shown like the menu bar's. Both register the same keys; whichever the scene
   * keeps runs the same command, so a shortcut never does two things.
   */
  public MenuItem contextItem(StandardAction a) {
    MenuItem m = menuItem(a);
    m.setId("ctx-" + a.id());
    return m;
  }

  /**
   * Keeps every command's shortcut working in {@code scene} for as long as the scene lives. JavaFX removes a
   * key from the scene's accelerators when any control whose context menu registered it leaves the scene (a
   * closed experiment tab's trial table), even if the menu bar registered the same key: put it back then.
   */
  public void keepShortcuts(Scene scene) {
    Map<KeyCombination, Runnable> ours = new HashMap<>();
    for (StandardAction a : StandardAction.values()) {
      if (a.accelerator() == null || !commands.has(a)) continue;
      Command c = commands.get(a);
      ours.put(KeyCombination.keyCombination(a.accelerator()), c::execute);
    }
    ours.forEach((k, r) -> scene.getAccelerators().putIfAbsent(k, r));
    scene.getAccelerators().addListener((MapChangeListener<KeyCombination, Runnable>) ch -> {
      if (ch.wasRemoved() && !ch.wasAdded() && ours.containsKey(ch.getKey())) {
        // not while the map is reporting a change
        Platform.runLater(() -> scene.getAccelerators().putIfAbsent(ch.getKey(), ours.get(ch.getKey())));
      }
    });
  }

  /** A menu of the given actions; null entries become separators. */
  public Menu menu(String text, StandardAction... actions) {
    Menu m = new Menu(text);
    m.getItems().addAll(items(false, actions));
    m.setOnShowing(e -> commands.refresh());
    return m;
  }

  public ContextMenu contextMenu(StandardAction... actions) {
    ContextMenu m = new ContextMenu();
    m.getItems().addAll(items(true, actions));
    m.setOnShowing(e -> commands.refresh());
    return m;
  }

  private List<MenuItem> items(boolean context, StandardAction... actions) {
    List<MenuItem> out = new ArrayList<>();
    for (StandardAction a : actions) out.add(a == null ? new SeparatorMenuItem() : context ? contextItem(a) : menuItem(a));
    return out;
  }

  /**
   * A button that never shrinks below its text (no "Paus…" at 1024 px), with the icon, and a tooltip naming the
   * shortcut.
   */
  public Button button(StandardAction a, String idPrefix) {
    Command c = commands.get(a);
    Button b = new Button(a.label());
    b.setId(idPrefix + a.id());
    if (a.icon() != null) {
      Label icon = new Label(a.icon());
      icon.getStyleClass().add("command-icon");
      b.setGraphic(icon);
    }
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setTooltip(new Tooltip(tooltip(a)));
    b.disableProperty().bind(c.executableProperty().not());
    b.setOnAction(e -> c.execute());
    return b;
  }

  /** A compact toolbar button: icon only when there is one, the label in the tooltip. */
  public Button toolButton(StandardAction a) {
    Button b = button(a, "tool-");
    b.setFocusTraversable(false);
    return b;
  }

  static String tooltip(StandardAction a) {
    return a.accelerator() == null ? a.label() : a.label() + "  (" + KeyCombination.keyCombination(a.accelerator()).getDisplayText() + ")";
  }

  /** The shortcut list for Help: one line per command with a shortcut, grouped. */
  public static String shortcutList() {
    StringBuilder b = new StringBuilder();
    StandardAction.Group g = null;
    for (StandardAction a : StandardAction.values()) {
      if (a.accelerator() == null) continue;
      if (a.group() != g) {
        g = a.group();
        if (b.length() > 0) b.append('\n');
        b.append(g.name().charAt(0)).append(g.name().substring(1).toLowerCase()).append('\n');
      }
      b.append(String.format("  %-22s %s%n", a.label(), KeyCombination.keyCombination(a.accelerator()).getDisplayText()));
    }
    return b.toString();
  }
}
