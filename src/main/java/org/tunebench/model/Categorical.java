package org.tunebench.model;

import java.util.List;

/** A domain over a finite list of values; searchers model it by index. */
public sealed interface Categorical extends Domain permits Choice, Grid, NestedChoice {

  /** The values as given, normalised by {@link JsonValues}. */
  List<Object> values();

  default int size() {
    return values().size();
  }

  /** Index of {@code value} (normalised first, so 3 and 3L match), or -1. */
  default int indexOf(Object value) {
    return values().indexOf(JsonValues.normalize(value));
  }

  @Override
  default boolean contains(Object value) {
    return indexOf(value) >= 0;
  }
}
