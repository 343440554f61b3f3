package org.tunebench.ui.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Edits hyperparameters (fork, add trial): one field per dotted key, JSON values; returns the changed ones. */
public final class ConfigDialog {
  private ConfigDialog() {}

  public static Optional<Map<String, Object>> show(Window owner, String title, String header, List<String> keys,
      java.util.function.Function<String, Object> current, boolean onlyChanged) {
    Dialog<Map<String, Object>> d = new Dialog<>();
    if (owner != null) d.initOwner(owner);
    d.setTitle(title);
    d.setHeaderText(header);
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    Map<String, TextField> fields = new LinkedHashMap<>();
    Map<String, String> before = new LinkedHashMap<>();
    int r = 0;
    for (String k : keys) {
      String t = ConfigEdits.text(current.apply(k));
      TextField f = new TextField(t);
      f.setId("cfg-" + k);
      f.setPrefColumnCount(18);
      fields.put(k, f);
      before.put(k, t);
      grid.addRow(r++, new Label(k), f);
    }
    Label error = new Label();
    error.getStyleClass().add("error-text");
    grid.add(error, 0, r, 2, 1);
    d.getDialogPane().setContent(new ScrollPane(grid));
    d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    d.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
      try {
        for (TextField f : fields.values()) ConfigEdits.parseValue(f.getText());
      } catch (IllegalArgumentException ex) {
        error.setText(ex.getMessage());
        ev.consume();
      }
    });
    d.setResultConverter(bt -> {
      if (bt != ButtonType.OK) return null;
      Map<String, Object> out = new LinkedHashMap<>();
      fields.forEach((k, f) -> {
        if (!onlyChanged || !f.getText().trim().equals(before.get(k))) out.put(k, ConfigEdits.parseValue(f.getText()));
      });
      return ConfigEdits.nest(out);
    });
    return d.showAndWait();
  }
}
