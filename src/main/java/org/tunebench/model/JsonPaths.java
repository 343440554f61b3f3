package org.tunebench.model;

import java.util.Collection;
import java.util.regex.Pattern;

/** Building JSON paths for error messages, and the "did you mean" hint for misspelt names. */
public final class JsonPaths {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private JsonPaths() {}

  /** {@code parent.key}, or {@code parent["odd key"]} when the key is not a plain identifier. */
  public static String child(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) return parent + "." + key;
    return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** The closest candidate within two edits (case-insensitive), or null: catches typos like numSampels. */
  public static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = distance(name.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: a swap of neighbours (the commonest typo) counts as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
