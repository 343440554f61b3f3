package org.tunebench.ui;

import static org.tunebench.ui.command.StandardAction.NEW_EXPERIMENT;
import static org.tunebench.ui.command.StandardAction.OPEN_SPEC;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;
import org.tunebench.ui.command.StandardAction;

/** What to do first, centred where the tabs go while none is open: a blank main area told a new user nothing. */
final class StartHint {
  private StartHint() {}

  /** The tabs, with the hint over them while they are empty. */
  static Node over(TabPane tabs) {
    Label hint = new Label(text());
    hint.setId("start-hint");
    hint.getStyleClass().add("muted");
    hint.setWrapText(true);
    hint.setTextAlignment(TextAlignment.CENTER);
    hint.setMaxWidth(460);
    hint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(tabs.getTabs()));
    hint.setMouseTransparent(true);
    StackPane p = new StackPane(tabs, hint);
    StackPane.setAlignment(hint, Pos.CENTER);
    return p;
  }

  /** Names the menus and shortcuts as the menu bar has them, so the hint cannot drift from them. */
  static String text() {
    return "Open a spec (File › " + OPEN_SPEC.label() + ", " + keys(OPEN_SPEC) + "), create a new one (File › "
        + NEW_EXPERIMENT.label() + ", " + keys(NEW_EXPERIMENT) + "), pick one from the Samples menu,"
        + " or double-click a past experiment on the left.";
  }

  private static String keys(StandardAction a) {
    return KeyCombination.keyCombination(a.accelerator()).getDisplayText();
  }
}
