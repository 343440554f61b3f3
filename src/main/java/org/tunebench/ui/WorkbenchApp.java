package org.tunebench.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The workbench window. */
public final class WorkbenchApp extends Application {
  static volatile Path initialSpec;
  static volatile Path database;

  @Override public void start(Stage stage) {
    stage.setTitle("Tunebench");
    stage.setScene(new Scene(new Label("Tunebench workbench: " + (initialSpec == null ? "" : initialSpec)), 1200, 800));
    stage.show();
  }
}
