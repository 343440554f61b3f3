package org.tunebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Metrics cross the wire and the store as JSON text: every double must come back bit for bit. */
class WireDoublesTest {
  private static void roundTrips(double d) throws Exception {
    ObjectNode n = Wire.JSON.createObjectNode().put("v", d);
    JsonNode back = Wire.JSON.readTree(Wire.JSON.writeValueAsBytes(n)).get("v");
    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(back.doubleValue()),
        d + " came back as " + back + " (" + back.doubleValue() + ")");
  }

  @Test void edgeValuesRoundTrip() throws Exception {
    double[] edges = {0.0, -0.0, 1.0, -1.0, 0.1, 0.3, 1e-3, 9.999999999999999e-4, 1e7, 9999999.999999998, 2e23,
        Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Math.PI, Math.ulp(1.0), 4.35, 1.0E-300,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double d : edges) roundTrips(d);
  }

  @Test void randomBitPatternsAndTypicalMetricsRoundTrip() throws Exception {
    SplittableRandom r = new SplittableRandom(20261201);
    for (int i = 0; i < 20_000; i++) {
      double any = Double.longBitsToDouble(r.nextLong());
      if (!Double.isNaN(any)) roundTrips(any); // NaN's payload bits are not kept by any JSON text
      roundTrips(r.nextDouble() * Math.pow(10, r.nextInt(-12, 12)));
    }
  }

  @Test void doublesAreWrittenAsPlainJsonNumbers() throws Exception {
    assertEquals("{\"a\":0.1,\"b\":1.0E-5,\"c\":1.0E7,\"d\":NaN}", Wire.JSON.writeValueAsString(
        Wire.JSON.createObjectNode().put("a", 0.1).put("b", 1e-5).put("c", 1e7).put("d", Double.NaN)));
  }
}
