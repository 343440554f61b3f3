package org.tunebench.ui.run;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.tunebench.model.TrialStatus;

/** A status badge coloured by the theme's -status-* colour (the same colours the timeline draws). */
public final class StatusCell<S> extends TableCell<S, TrialStatus> {
  private final Label badge = new Label();

  public StatusCell() {
    badge.getStyleClass().add("status-badge");
  }

  public static String styleClass(Object status) {
    return "status-" + String.valueOf(status).toLowerCase(Locale.ROOT);
  }

  @Override protected void updateItem(TrialStatus s, boolean empty) {
    super.updateItem(s, empty);
    if (empty || s == null) {
      setGraphic(null);
      return;
    }
    badge.setText(s.name());
    badge.getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-badge"));
    badge.getStyleClass().add(styleClass(s));
    setGraphic(badge);
  }
}
