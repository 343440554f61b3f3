package org.tunebench.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.tunebench.engine.PluginSave;
import org.tunebench.wire.Wire;

/**
 * One result as the driver stores it (the result row, its decision, the scheduler's and stoppers' changes), in
 * the form it takes in the experiment's result log (decision 0021): one line, a CRC-32C of the JSON, a space,
 * the JSON. {@code seq} orders the log and says which records the database already holds.
 */
record LoggedResult(long seq, String trialId, int iteration, Instant at, boolean supersedes, String metricsJson,
    String decisionJson, PluginSave scheduler, PluginSave stopper) {

  LoggedResult withSeq(long s) {
    return new LoggedResult(s, trialId, iteration, at, supersedes, metricsJson, decisionJson, scheduler, stopper);
  }

  /** The log line, newline included. */
  String line() {
    StringWriter out = new StringWriter(128 + metricsJson.length());
    try (JsonGenerator g = Wire.JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("q", seq);
      g.writeStringField("t", trialId);
      g.writeNumberField("i", iteration);
      g.writeNumberField("s", at.getEpochSecond());
      g.writeNumberField("n", at.getNano());
      if (supersedes) g.writeBooleanField("x", true);
      g.writeFieldName("m");
      g.writeRawValue(metricsJson);
      if (decisionJson != null) {
        g.writeFieldName("d");
        g.writeRawValue(decisionJson);
      }
      writeSave(g, "ps", scheduler);
      writeSave(g, "pt", stopper);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a result log line", e);
    }
    String json = out.toString();
    return crc(json) + " " + json + "\n";
  }

  private static void writeSave(JsonGenerator g, String field, PluginSave save) throws IOException {
    if (save.isEmpty()) return;
    g.writeObjectFieldStart(field);
    if (save.replaces()) g.writeBooleanField("r", true);
    if (save.state() != null) {
      g.writeFieldName("s");
      g.writeRawValue(save.state().toString());
    }
    if (!save.appended().isEmpty()) {
      g.writeArrayFieldStart("a");
      for (JsonNode e : save.appended()) g.writeRawValue(e.toString());
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** The record of one log line, or null when the line is not whole (a write cut short) or not ours. */
  static LoggedResult parse(String line) {
    int space = line.indexOf(' ');
    if (space != 8) return null;
    String json = line.substring(space + 1);
    if (!line.substring(0, space).equals(crc(json))) return null;
    try {
      JsonNode n = Wire.JSON.readTree(json);
      JsonNode d = n.get("d");
      return new LoggedResult(n.path("q").asLong(), n.path("t").asText(), n.path("i").asInt(),
          Instant.ofEpochSecond(n.path("s").asLong(), n.path("n").asLong()), n.path("x").asBoolean(false),
          n.path("m").toString(), d == null || d.isNull() ? null : d.toString(), readSave(n.get("ps")),
          readSave(n.get("pt")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static PluginSave readSave(JsonNode n) {
    if (n == null) return PluginSave.appended(List.of());
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode e : n.path("a")) entries.add(e);
    JsonNode state = n.get("s");
    return new PluginSave(n.path("r").asBoolean(false), state == null || state.isNull() ? null : state, entries);
  }

  private static String crc(String json) {
    CRC32C c = new CRC32C();
    c.update(json.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) c.getValue());
  }
}
