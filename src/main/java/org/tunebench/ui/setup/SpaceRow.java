package org.tunebench.ui.setup;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.tunebench.model.Domain;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

/**
 * One search-space parameter being edited: dotted name, domain ("constant" for a plain value) and its
 * arguments as JSON list contents ({@code -2, 2} or {@code "relu", "tanh"}). Validated live by
 * {@link Domain#parse}, whose message names the JSON path.
 */
public final class SpaceRow {
  public static final String CONSTANT = "constant";
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty domain = new SimpleStringProperty("uniform");
  private final StringProperty args = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  /** What is wrong with this row's name given the other rows (twice the same name, a value nested in a value). */
  private java.util.function.Function<SpaceRow, String> clash = r -> null;

  public SpaceRow(String name, String domain, String args) {
    this.name.set(name);
    this.domain.set(domain);
    this.args.set(args);
    this.name.addListener(o -> validate());
    this.domain.addListener(o -> validate());
    this.args.addListener(o -> validate());
    validate();
  }

  /** Set by the form that holds the row: checks its name against the other rows'. */
  void setClash(java.util.function.Function<SpaceRow, String> c) {
    clash = c;
    validate();
  }

  /** Recomputes {@link #errorProperty()}: null when the row is valid. */
  public String validate() {
    error.set(check());
    return error.get();
  }

  private String check() {
    String n = name.get() == null ? "" : name.get().trim();
    if (n.isEmpty()) return "a parameter needs a name";
    if (!n.matches("[A-Za-z_][\\w-]*(\\.[A-Za-z_][\\w-]*)*")) return "name '" + n + "': letters, digits, _ and - with dots for nesting";
    String c = clash.apply(this);
    if (c != null) return c;
    try {
      json();
      return null;
    } catch (SpecException e) {
      return e.getMessage();
    }
  }

  /** The spec form of this parameter; throws {@link SpecException} naming the path when invalid. */
  public JsonNode json() {
    String path = SearchSpace.jsonPath(name.get().trim());
    String text = args.get() == null ? "" : args.get().trim();
    if (CONSTANT.equals(domain.get())) {
      if (text.isEmpty()) throw new SpecException(path, "a constant needs a value");
      JsonNode v = SpaceArgs.parse(text, path);
      if (v.size() != 1) throw new SpecException(path, "a constant is one value; for several, pick choice");
      return v.get(0);
    }
    JsonNode list = SpaceArgs.parse(text, path);
    Domain d = Domain.parse(domain.get(), list, path + "." + domain.get());
    return d.toJson();
  }

  public StringProperty nameProperty() { return name; }
  public StringProperty domainProperty() { return domain; }
  public StringProperty argsProperty() { return args; }
  public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
  public String name() { return name.get(); }
}
