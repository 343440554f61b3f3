package org.tunebench.ui.run;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TrialOutcome;
import org.tunebench.ui.session.TrialRow;

/**
 * The trial table's status pill: DONE and STOPPED (cut short by a scheduler, stopper, budget or the user) look
 * different at a glance; the tooltip says why the trial ended or what it waits for.
 */
final class TrialStatusCell extends TableCell<TrialRow, TrialStatus> {
  private final Label badge = new Label();
  private final Tooltip tip = new Tooltip();
  private String shown;

  TrialStatusCell() {
    badge.getStyleClass().add("status-badge");
    badge.setMinWidth(Label.USE_PREF_SIZE);
    // the text is built when the tooltip shows: the reason can change without a status change (waiting for)
    tip.setOnShowing(e -> {
      TrialRow r = getTableRow() == null ? null : getTableRow().getItem();
      tip.setText(r == null ? "" : TrialOutcome.tooltip(r.snapshot(), r.endReason()));
    });
  }

  @Override protected void updateItem(TrialStatus s, boolean empty) {
    super.updateItem(s, empty);
    TrialRow r = getTableRow() == null ? null : getTableRow().getItem();
    if (empty || s == null) {
      setGraphic(null);
      setTooltip(null);
      shown = null;
      return;
    }
    String endReason = r == null ? null : r.endReason();
    String label = TrialOutcome.label(s, endReason);
    // touch the style classes only on a real change: any edit of the list re-runs CSS on the badge, and
    // cells are updated for every result while a 1,000-trial experiment streams
    if (!label.equals(shown)) {
      String cls = TrialOutcome.stoppedEarly(s, endReason) ? "status-stopped" : StatusCell.styleClass(s);
      badge.getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-badge"));
      badge.getStyleClass().add(cls);
      badge.setText(label);
      shown = label;
    }
    if (getGraphic() != badge) setGraphic(badge);
    if (getTooltip() != tip) setTooltip(tip);
  }
}
