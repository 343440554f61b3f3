package org.tunebench.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * Entry point of a worker JVM: {@code WorkerMain PORT WORKER_ID}, with the secret as the first line of stdin.
 * Connects back to the driver over loopback, then runs one trial after another as the driver asks. Exits when
 * the driver goes away, and takes every process a trial started with it.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--cds-warmup")) {
      CdsWarmup.run();
      System.exit(0); // a normal exit: -XX:ArchiveClassesAtExit writes the archive now
    }
    if (args.length != 2) {
      System.err.println("usage: WorkerMain PORT WORKER_ID, secret on stdin (started by the Tunebench driver)");
      System.exit(2);
    }
    String secret = readSecret(System.in);
    Runtime.getRuntime().addShutdownHook(new Thread(Descendants::kill, "tunebench-descendants"));
    watchParent();
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
    Channel channel = new Channel(socket);
    ObjectNode hello = Channel.message(Msg.HELLO)
        .put("secret", secret).put("workerId", args[1]).put("pid", ProcessHandle.current().pid());
    channel.send(hello);
    DriverLine line = new DriverLine(channel);
    TrialRunner runner = new TrialRunner(channel, line);
    while (true) {
      ObjectNode msg = line.next();
      if (Msg.START.equals(msg.path("type").asText())) {
        runner.run(msg);
      }
    }
  }

  /** The first line of stdin, read byte by byte so that nothing after it is consumed. */
  static String readSecret(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (b.size() > 256) throw new IOException("secret line on stdin longer than 256 bytes");
      b.write(c);
    }
    if (c < 0) Descendants.halt(0); // the driver died before it told us the secret
    return b.toString(StandardCharsets.US_ASCII).trim();
  }

  /**
   * The driver holds our stdin open for as long as it lives; end of stdin means it died (even by kill -9),
   * and an orphaned worker must not go on burning CPU.
   */
  private static void watchParent() {
    InputStream in = System.in;
    Thread t = new Thread(() -> {
      try {
        while (in.read() >= 0) {
          // the driver writes nothing after the secret; anything read is ignored
        }
      } catch (IOException ignored) {
        // a broken pipe means the same as end of stream
      }
      Descendants.halt(0);
    }, "tunebench-parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
