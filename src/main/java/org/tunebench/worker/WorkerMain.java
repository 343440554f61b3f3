package org.tunebench.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * Entry point of a worker JVM: {@code WorkerMain PORT SECRET WORKER_ID}. Connects back to the driver over
 * loopback, then runs one trial after another as the driver asks. Exits when the driver goes away.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--cds-warmup")) {
      CdsWarmup.run();
      System.exit(0); // a normal exit: -XX:ArchiveClassesAtExit writes the archive now
    }
    if (args.length != 3) {
      System.err.println("usage: WorkerMain PORT SECRET WORKER_ID (started by the Tunebench driver)");
      System.exit(2);
    }
    watchParent();
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
    Channel channel = new Channel(socket);
    ObjectNode hello = Channel.message(Msg.HELLO)
        .put("secret", args[1]).put("workerId", args[2]).put("pid", ProcessHandle.current().pid());
    channel.send(hello);
    BlockingQueue<ObjectNode> inbox = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLoop(channel, inbox), "tunebench-wire-reader");
    reader.setDaemon(true);
    reader.start();
    TrialRunner runner = new TrialRunner(channel, inbox);
    while (true) {
      ObjectNode msg = inbox.take();
      if (Msg.START.equals(msg.path("type").asText())) {
        runner.run(msg);
      }
    }
  }

  private static void readLoop(Channel channel, BlockingQueue<ObjectNode> inbox) {
    try {
      while (true) {
        ObjectNode msg = channel.receive();
        if (Msg.EXIT.equals(msg.path("type").asText())) Runtime.getRuntime().halt(0);
        inbox.add(msg);
      }
    } catch (EOFException e) {
      Runtime.getRuntime().halt(0);
    } catch (IOException e) {
      Runtime.getRuntime().halt(0);
    }
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
          // the driver never writes; anything read is ignored
        }
      } catch (IOException ignored) {
        // a broken pipe means the same as end of stream
      }
      Runtime.getRuntime().halt(0);
    }, "tunebench-parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
