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
    return show(owner, title, header, keys, current, onlyChanged, null, NO_CHECK).map(Fork::changes);
  }

  /** As above; {@code check} names what is wrong with the values (or null), and the dialog stays open until none is. */
  public static Optional<Map<String, Object>> show(Window owner, String title, String header, List<String> keys,
      java.util.function.Function<String, Object> current, boolean onlyChanged, Check check) {
    return show(owner, title, header, keys, current, onlyChanged, null, check).map(Fork::changes);
  }

  /** What is wrong with the values typed (nested as the config is), or null. */
  public interface Check {
    String problem(Map<String, Object> values);
  }

  static final Check NO_CHECK = v -> null;

  /** What the fork dialog returns: the changed hyperparameters, and the iterations to train (null: as the stoppers say). */
  public record Fork(Map<String, Object> changes, Integer iterations) {}

  /**
   * The fork dialog: the hyperparameters, and how many iterations the fork trains ({@code iterations} prefilled;
   * blank: until the experiment's stop condition).
   */
  public static Optional<Fork> fork(Window owner, String header, List<String> keys,
      java.util.function.Function<String, Object> current, String iterations, Check check) {
    return show(owner, "Fork trial", header, keys, current, true, iterations == null ? "" : iterations, check);
  }

  private static Optional<Fork> show(Window owner, String title, String header, List<String> keys,
      java.util.function.Function<String, Object> current, boolean onlyChanged, String iterations, Check check) {
    Dialog<Fork> d = new Dialog<>();
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
    TextField more = null;
    if (iterations != null) {
      more = new TextField(iterations);
      more.setId("fork-iterations");
      more.setPrefColumnCount(18);
      more.setPromptText("until the stop condition");
      Label l = new Label("Iterations to train");
      l.setTooltip(new javafx.scene.control.Tooltip(
          "The fork trains this many iterations past the checkpoint, whatever the stop condition says. Blank: until the stop condition."));
      grid.addRow(r++, l, more);
    }
    TextField moreField = more;
    Label error = new Label();
    error.getStyleClass().add("error-text");
    error.setWrapText(true);
    error.setMaxWidth(460);
    grid.add(error, 0, r, 2, 1);
    d.getDialogPane().setContent(new ScrollPane(grid));
    d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    d.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
      try {
        Map<String, Object> all = new LinkedHashMap<>();
        fields.forEach((k, f) -> all.put(k, ConfigEdits.parseValue(f.getText())));
        if (moreField != null) iterations(moreField.getText());
        String problem = check.problem(ConfigEdits.nest(all));
        if (problem != null) throw new IllegalArgumentException(problem);
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
      return new Fork(ConfigEdits.nest(out), moreField == null ? null : iterations(moreField.getText()));
    });
    return d.showAndWait();
  }

  /** Blank: null; else a whole number of at least 1. */
  static Integer iterations(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) return null;
    try {
      int n = Integer.parseInt(t);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // the message below says what is allowed
    }
    throw new IllegalArgumentException("Iterations to train: '" + t + "' is not a whole number of at least 1 (blank: until the stop condition)");
  }
}
