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
    // touch the style classes only on a real change: any edit of the list re-runs CSS on the badge, and
    // cells are updated for every result while a 1,000-trial experiment streams
    String cls = styleClass(s);
    if (!badge.getStyleClass().contains(cls)) {
      badge.getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-badge"));
      badge.getStyleClass().add(cls);
      badge.setText(s.name());
    }
    if (getGraphic() != badge) setGraphic(badge);
  }
}
