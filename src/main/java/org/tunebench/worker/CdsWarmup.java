package org.tunebench.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;
import org.tunebench.wire.Wire;

/**
 * Loads what a worker loads on its way to the first result, so that {@code -XX:ArchiveClassesAtExit}
 * archives it (see the driver's {@code WorkerCds}). Touches no user code and no network.
 */
final class CdsWarmup {
  private CdsWarmup() {}

  static void run() throws Exception {
    ObjectNode start = Channel.message(Msg.START).put("trialId", "00000").put("attempt", 1L)
        .put("jar", "/x.jar").put("className", "x.X").put("trialDir", "/tmp");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("lr", 0.1);
    config.put("depth", 3L);
    config.put("name", "a");
    start.set("config", Values.toJsonObject(config));
    ObjectNode back = (ObjectNode) Wire.JSON.readTree(Wire.JSON.writeValueAsString(start));
    Config c = Config.of(Values.toMap(back.path("config")));
    c.getDouble("lr");
    ObjectNode result = Channel.message(Msg.RESULT).put("trialId", "00000").put("attempt", 1L).put("elapsed", 0.5);
    result.set("metrics", Values.toJsonObject(Map.of("score", 1.0, "n", 2L, "ok", true)));
    Wire.JSON.readTree(new ByteArrayInputStream(Wire.JSON.writeValueAsBytes(result)));
    new PrintStream(new ByteArrayOutputStream(), true, "UTF-8").println(c.keys());
    for (Class<?> k : new Class<?>[] {TrialRunner.class, TrialContext.class, DriverLine.class, ClassApiLoop.class, FunctionApiRun.class,
        WorkerSession.class, UserCodeException.class, org.tunebench.wire.ApiOnlyClassLoader.class,
        java.net.Socket.class, java.net.URLClassLoader.class}) {
      Class.forName(k.getName(), true, CdsWarmup.class.getClassLoader());
    }
  }
}
