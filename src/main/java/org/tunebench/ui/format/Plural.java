package org.tunebench.ui.format;

/** "1 trial", "2 trials": counts in sentences read as English rather than "1 trial(s)". Toolkit-free. */
public final class Plural {
  private Plural() {}

  /** {@code n} and the noun, with an "s" unless {@code n} is one. */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** "is" for one, "are" for any other count. */
  public static String isAre(long n) {
    return n == 1 ? "is" : "are";
  }
}
