package org.tunebench.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper shared by the driver/worker wire and the store. NaN and Infinity stay numbers
 * (written as bare tokens), because metrics legitimately become NaN and must round-trip as such.
 *
 * <p>Doubles are written with Jackson's Schubfach writer and read with its FastDoubleParser, not through
 * {@code Double.toString}/{@code parseDouble}: both give back the same double bit for bit, and the JDK's
 * {@code FloatingDecimal.dtoa} alone cost each worker JVM ~0.9 s of C2 compiler time in its first 20 s (two
 * thirds of the worker's JIT work; measured with -XX:+LogCompilation), on every result path's hot method.
 */
public final class Wire {
  public static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private Wire() {}
}
