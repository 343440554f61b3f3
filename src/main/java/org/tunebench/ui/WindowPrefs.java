package org.tunebench.ui;

import java.util.prefs.Preferences;

/** What the window remembers between runs: size, split positions, theme (java.util.prefs, per user). */
public final class WindowPrefs {
  private final Preferences p;

  public WindowPrefs(Preferences p) {
    this.p = p;
  }

  public static WindowPrefs user() {
    return new WindowPrefs(Preferences.userNodeForPackage(WindowPrefs.class));
  }

  public double get(String key, double dflt) { return p.getDouble(key, dflt); }
  public void put(String key, double v) { p.putDouble(key, v); }
  public Theme theme() {
    try {
      return Theme.valueOf(p.get("theme", Theme.LIGHT.name()));
    } catch (IllegalArgumentException e) {
      return Theme.LIGHT;
    }
  }
  public void theme(Theme t) { p.put("theme", t.name()); }
}
