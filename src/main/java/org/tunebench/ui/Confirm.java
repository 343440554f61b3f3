package org.tunebench.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** A yes/no question before something that loses work (quit, stop, delete); the safe answer is the default. */
public final class Confirm {
  private Confirm() {}

  /** True when the user picked {@code yes}; Esc, closing the dialog and "Cancel" say no. */
  public static boolean ask(Window owner, String header, String text, String yes) {
    ButtonType ok = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ok, ButtonType.CANCEL);
    if (owner != null) a.initOwner(owner);
    a.setTitle(header);
    a.setHeaderText(header);
    a.getDialogPane().setId("confirm-dialog");
    // Cancel is the default button: Enter on a surprise dialog must not stop a day of trials
    ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ok)).setDefaultButton(false);
    ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    return a.showAndWait().orElse(ButtonType.CANCEL) == ok;
  }
}
