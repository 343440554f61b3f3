package org.tunebench.ui.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.tunebench.model.SpecException;

/**
 * Reads the space editor's argument text ({@code 0.001, 0.1} or {@code relu, tanh}) into a JSON list, with
 * plain-sentence errors instead of the JSON parser's ("Unexpected character (']' (code 93))"). A bare word
 * is taken as text, so choices need no quotes.
 */
final class SpaceArgs {
  private static final ObjectMapper JSON = new ObjectMapper();
  // "0.001 0.1" must not read as 0.001: the whole text is one value or it is not a value
  private static final com.fasterxml.jackson.databind.ObjectReader STRICT = JSON.readerFor(JsonNode.class)
      .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SpaceArgs() {}

  static ArrayNode parse(String text, String path) {
    ArrayNode out = JSON.createArrayNode();
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) return out;
    List<String> parts = split(t, path);
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i).trim();
      if (p.isEmpty()) {
        throw new SpecException(path, "value " + (i + 1) + " is missing: two commas in a row, or a comma at the end");
      }
      out.add(value(p, path));
    }
    return out;
  }

  private static JsonNode value(String p, String path) {
    try {
      JsonNode v = STRICT.readValue(p);
      if (v != null && !v.isMissingNode()) return v;
    } catch (Exception e) {
      // not JSON: a bare word below, or a sentence saying what is wrong
    }
    if (p.matches("[A-Za-z_][\\w.\\-]*")) return JSON.getNodeFactory().textNode(p);
    if (p.startsWith("\"") && !p.endsWith("\"")) throw new SpecException(path, "the text " + p + " has no closing quote");
    if (p.matches(".*\\s.*") && !p.startsWith("\"")) {
      throw new SpecException(path, "'" + p + "' has a space in it: separate values with commas, or put text with spaces in quotes");
    }
    throw new SpecException(path, "'" + p + "' is not a number, true/false, or text (write text as a word or in quotes)");
  }

  /** Splits at commas outside quotes, brackets and braces (a nested list or object is one value). */
  private static List<String> split(String t, String path) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '"' && (i == 0 || t.charAt(i - 1) != '\\')) quoted = !quoted;
      if (quoted) continue;
      if (c == '[' || c == '{') depth++;
      if (c == ']' || c == '}') depth--;
      if (depth < 0) throw new SpecException(path, "a '" + c + "' closes nothing");
      if (c == ',' && depth == 0) {
        parts.add(t.substring(start, i));
        start = i + 1;
      }
    }
    if (quoted) throw new SpecException(path, "a quote is not closed");
    if (depth != 0) throw new SpecException(path, "a '[' or '{' is not closed");
    parts.add(t.substring(start));
    return parts;
  }
}
