package org.tunebench.bench;

import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;

/**
 * The plain-JVM baseline of {@link EngineBench}: one JVM runs {@code bench.Ticker} for {@code TRIALS} trials of
 * {@code ITERATIONS} steps each, one after another, with no driver, no wire and no store. What 16 of them take
 * side by side is what the trainables need on this machine at this moment (JVM start-up, sleeps that wake up
 * late on a loaded machine), measured in the same run as the driver.
 * With ECHO_PORT, each result also makes a round trip to the bench process (see {@link Echo}).
 * <pre>PlainTicker SLEEP_MS ITERATIONS TRIALS [ECHO_PORT]</pre>
 */
public final class PlainTicker {
  private PlainTicker() {}

  public static void main(String[] args) throws Exception {
    double sleepMs = Double.parseDouble(args[0]);
    int iterations = Integer.parseInt(args[1]);
    int trials = Integer.parseInt(args[2]);
    Echo echo = args.length > 3 ? new Echo(Integer.parseInt(args[3])) : null;
    double sum = 0;
    for (int t = 0; t < trials; t++) {
      Trainable ticker = (Trainable) Class.forName("bench.Ticker").getDeclaredConstructor().newInstance();
      ticker.setup(Config.of(Map.of("sleep_ms", sleepMs)));
      for (int i = 0; i < iterations; i++) {
        Map<String, Object> result = ticker.step();
        sum += ((Number) result.get("score")).doubleValue();
        if (echo != null) echo.roundTrip(result, i);
      }
      ticker.cleanup();
    }
    if (sum < 0) System.out.println(sum); // keeps the steps' results alive
  }

  /**
   * The floor of any design where another JVM takes each result before the step after it: the result as a line
   * of text over loopback TCP to {@link EngineBench}'s echo thread, and a short reply read back. No JSON library,
   * no store, no decisions: what the operating system and two JVMs cost per round trip on this machine.
   */
  private static final class Echo {
    private final java.io.InputStream in;
    private final java.io.OutputStream out;
    private final byte[] reply = new byte[256];

    Echo(int port) throws java.io.IOException {
      java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
      s.setTcpNoDelay(true);
      in = s.getInputStream();
      out = new java.io.BufferedOutputStream(s.getOutputStream(), 4096);
    }

    void roundTrip(Map<String, Object> result, int iteration) throws java.io.IOException {
      String line = "{\"type\":\"result\",\"iteration\":" + iteration + ",\"metrics\":{\"score\":" + result.get("score")
          + ",\"loss\":" + result.get("loss") + "}}\n";
      out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.flush();
      int n = 0;
      do {
        int r = in.read(reply, n, reply.length - n);
        if (r < 0) throw new java.io.EOFException("echo server gone");
        n += r;
      } while (reply[n - 1] != '\n');
    }
  }
}
