package org.tunebench.ui.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test void oneIsSingularEveryOtherCountPlural() {
    assertEquals("1 trial", Plural.count(1, "trial"));
    assertEquals("2 trials", Plural.count(2, "trial"));
    assertEquals("0 trials", Plural.count(0, "trial"));
    assertEquals("is", Plural.isAre(1));
    assertEquals("are", Plural.isAre(3));
  }
}
