package org.tunebench.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;
import org.tunebench.store.TunebenchHome;

/** The workbench application: one main window on the chosen database, with the given spec in Setup. */
public final class WorkbenchApp extends Application {
  static volatile Path initialSpec;
  static volatile Path database;

  @Override public void start(Stage stage) {
    Path db = database != null ? database : TunebenchHome.database(null);
    MainWindow w = new MainWindow(stage, new MainViewModel(db), WindowPrefs.user());
    if (initialSpec != null) w.openSpec(initialSpec);
    stage.show();
  }
}
