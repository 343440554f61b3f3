package org.tunebench.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loopback TCP against a Unix domain socket for the worker link: a child JVM sends a result-sized line, the
 * parent answers with the common reply, N times, with an optional sleep between (ADR 0018 context).
 * Usage: SocketPingPong tcp|uds N SLEEP_US
 */
public class SocketPingPong {
  public static void main(String[] a) throws Exception {
    String mode = a[0]; // tcp|uds
    int n = Integer.parseInt(a[1]);
    long sleepUs = Long.parseLong(a[2]);
    Path sock = Files.createTempDirectory("pingpong").resolve("s.sock");
    Files.deleteIfExists(sock);
    InputStream in; OutputStream out; Process child;
    String cp = System.getProperty("java.class.path");
    if (mode.equals("tcp")) {
      ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      child = new ProcessBuilder("java", "-XX:+UseSerialGC", "-cp", cp, "org.tunebench.bench.SocketPingPong$Client", "tcp", "" + ss.getLocalPort(), ""+n, ""+sleepUs).inheritIO().start();
      Socket s = ss.accept(); s.setTcpNoDelay(true);
      in = new BufferedInputStream(s.getInputStream()); out = s.getOutputStream();
    } else {
      ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      ss.bind(UnixDomainSocketAddress.of(sock));
      child = new ProcessBuilder("java", "-XX:+UseSerialGC", "-cp", cp, "org.tunebench.bench.SocketPingPong$Client", "uds", sock.toString(), ""+n, ""+sleepUs).inheritIO().start();
      SocketChannel s = ss.accept();
      in = new BufferedInputStream(Channels.newInputStream(s)); out = Channels.newOutputStream(s);
    }
    long cpu0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    byte[] reply = "{\"type\":\"continue\"}\n".getBytes();
    long t0 = System.nanoTime();
    int c, cnt = 0;
    while (true) {
      // read a line
      boolean eof = false;
      while ((c = in.read()) != '\n') { if (c < 0) { eof = true; break; } }
      if (eof) break;
      out.write(reply); out.flush(); cnt++;
    }
    long t1 = System.nanoTime();
    long cpu1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    child.waitFor();
    System.out.printf("%s server: %d msgs, %.1f us/rt wall, server cpu %.1f us/msg%n", mode, cnt, (t1-t0)/1e3/cnt, (cpu1-cpu0)/1e3/cnt);
  }
  public static class Client {
    public static void main(String[] a) throws Exception {
      InputStream in; OutputStream out; Closeable cl;
      int n = Integer.parseInt(a[2]); long sleepUs = Long.parseLong(a[3]);
      if (a[0].equals("tcp")) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(a[1])); s.setTcpNoDelay(true);
        in = new BufferedInputStream(s.getInputStream()); out = s.getOutputStream(); cl = s;
      } else {
        SocketChannel s = SocketChannel.open(UnixDomainSocketAddress.of(a[1]));
        in = new BufferedInputStream(Channels.newInputStream(s)); out = Channels.newOutputStream(s); cl = s;
      }
      byte[] msg = ("{\"type\":\"result\",\"metrics\":{\"loss\":0.123456789,\"acc\":0.987654321,\"training_iteration\":12345}}\n").getBytes();
      long cpu0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        if (sleepUs > 0) Thread.sleep(sleepUs / 1000, (int) (sleepUs % 1000) * 1000);
        out.write(msg); out.flush();
        int c; while ((c = in.read()) != '\n') { if (c < 0) throw new EOFException(); }
      }
      long t1 = System.nanoTime();
      long cpu1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      System.out.printf("%s client: %.1f us/iter wall, client cpu %.1f us/iter%n", a[0], (t1-t0)/1e3/n, (cpu1-cpu0)/1e3/n);
      cl.close();
    }
  }
}
