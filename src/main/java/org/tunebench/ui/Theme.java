package org.tunebench.ui;

import javafx.scene.Scene;

/** Light or dark: base.css plus one file of looked-up colours. */
public enum Theme {
  LIGHT("light.css"), DARK("dark.css");

  private final String file;

  Theme(String file) {
    this.file = file;
  }

  public void applyTo(Scene scene) {
    scene.getStylesheets().setAll(
        Theme.class.getResource(file).toExternalForm(),
        Theme.class.getResource("base.css").toExternalForm());
  }
}
