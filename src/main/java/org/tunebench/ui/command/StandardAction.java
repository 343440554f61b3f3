package org.tunebench.ui.command;

/**
 * Every command of the workbench once, with its label, shortcut and icon: menus, the toolbar, the dashboard
 * buttons and the trial table's context menu are all built from these (as JabRef's StandardActions), so a
 * command reads and behaves the same wherever it appears, and Help lists the shortcuts from here.
 */
public enum StandardAction {
  NEW_EXPERIMENT("New experiment", "Shortcut+N", "+", Group.FILE),
  OPEN_SPEC("Open spec…", "Shortcut+O", null, Group.FILE),
  SAVE_SPEC("Save spec…", "Shortcut+S", null, Group.FILE),
  HISTORY("History", "Shortcut+H", null, Group.FILE),
  QUIT("Quit", "Shortcut+Q", null, Group.FILE),

  VALIDATE("Validate", "Shortcut+Shift+V", "✔", Group.EXPERIMENT),
  START("Start", "Shortcut+ENTER", "▶", Group.EXPERIMENT),
  PAUSE_ALL("Pause all", "Shortcut+Shift+P", "❚❚", Group.EXPERIMENT),
  RESUME_ALL("Resume all", "Shortcut+Shift+U", "▶", Group.EXPERIMENT),
  STOP_ALL("Stop experiment", "Shortcut+Shift+K", "■", Group.EXPERIMENT),
  ADD_TRIAL("Add trial…", "Shortcut+Shift+A", "+", Group.EXPERIMENT),

  PAUSE_TRIAL("Pause trial", "Shortcut+P", "❚❚", Group.TRIAL),
  RESUME_TRIAL("Resume trial", "Shortcut+U", "▶", Group.TRIAL),
  STOP_TRIAL("Stop trial", "Shortcut+K", "■", Group.TRIAL),
  RESTART_TRIAL("Restart trial", "Shortcut+Shift+R", "↻", Group.TRIAL),
  FORK_TRIAL("Fork trial…", "Shortcut+Shift+F", null, Group.TRIAL),
  EXTEND_TRIAL("Extend trial…", "Shortcut+Shift+E", "⇥", Group.TRIAL),
  TRIAL_DETAILS("Details…", "Shortcut+I", null, Group.TRIAL),
  TRIAL_LOG("Show log", "Shortcut+L", null, Group.TRIAL),

  VIEW_SETUP("Setup", "Shortcut+1", null, Group.VIEW),
  VIEW_RUN("Run", "Shortcut+2", null, Group.VIEW),
  VIEW_ANALYSIS("Analysis", "Shortcut+3", null, Group.VIEW),
  LIGHT_THEME("Light theme", null, null, Group.VIEW),
  DARK_THEME("Dark theme", null, null, Group.VIEW),
  TOGGLE_THEME("Toggle theme", "Shortcut+T", null, Group.VIEW),

  SHORTCUTS("Keyboard shortcuts", "F1", null, Group.HELP),
  ABOUT("About", null, null, Group.HELP);

  /** Where a command belongs: its menu, and its section in the shortcut list. */
  public enum Group { FILE, EXPERIMENT, TRIAL, VIEW, HELP }

  private final String label;
  private final String accelerator;
  private final String icon;
  private final Group group;

  StandardAction(String label, String accelerator, String icon, Group group) {
    this.label = label;
    this.accelerator = accelerator;
    this.icon = icon;
    this.group = group;
  }

  public String label() { return label; }
  /** A {@link javafx.scene.input.KeyCombination} text, or null for no shortcut. */
  public String accelerator() { return accelerator; }
  /** A glyph for buttons, or null. */
  public String icon() { return icon; }
  public Group group() { return group; }

  /** A stable node id suffix, e.g. "pause-trial" (tests and CSS look nodes up by it). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
