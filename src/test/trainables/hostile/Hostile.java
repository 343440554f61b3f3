import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A local process that knows the driver's worker port but not its secret (run as a single-file program:
 * {@code java Hostile.java PORT SECONDS}). For SECONDS it claims every worker id with a wrong secret, and once
 * tries to push 400 MB before authenticating. Prints {@code pushed=N} (bytes the driver took before it closed).
 */
public class Hostile {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    long pushed = 0;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'a');
      out.write("{\"type\":\"hello\",\"secret\":\"".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 400; i++) {
        out.write(chunk);
        pushed += chunk.length;
      }
    } catch (Exception closed) {
      // the driver hung up: what matters is how much it took first
    }
    System.out.println("pushed=" + pushed);
    while (System.nanoTime() < end) {
      for (int w = 1; w <= 40; w++) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          s.getOutputStream().write(("{\"type\":\"hello\",\"secret\":\"wrong\",\"workerId\":\"w" + w + "\",\"pid\":1}\n")
              .getBytes(StandardCharsets.UTF_8));
          s.getOutputStream().flush();
        } catch (Exception ignored) {
          // keep trying
        }
      }
      Thread.sleep(5);
    }
    System.out.println("done");
  }
}
