package org.tunebench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The torture harness's {@code hostile} scenario: a local process that knows nothing but what any local user
 * can see (the driver's listening ports, file names) attacks a running experiment. Linux only (reads /proc).
 */
final class Hostility {
  /** What the driver may grow by under the attack: the secret check reads 4 KB before hanging up. */
  private static final long MAX_RSS_GROWTH_KB = 300 * 1024;

  private Hostility() {}

  static void attack(Torture t, int i) throws Exception {
    Torture.Run r = t.new Run("ho" + i, 40 + t.rnd.nextInt(40), 2, 25);
    Process p = r.start("run", r.spec.toString());
    List<Listener> ls = awaitListeners(p.pid(), 90_000);
    if (ls.isEmpty()) {
      t.fail(r.name, "the driver never listened (no worker port within 90 s): " + r.log());
      r.finish(p, 0);
      return;
    }
    long rss0 = rssKb(p.pid());
    for (Listener l : ls) {
      t.checks++;
      if (!l.loopback()) t.fail(r.name, "the driver listens on " + l + ", not on loopback");
    }
    guessPasswords(t, r);
    Path hostile = Path.of("src/test/trainables/hostile/Hostile.java");
    List<Process> attackers = new ArrayList<>();
    if (Files.exists(hostile)) {
      for (Listener l : ls) {
        attackers.add(new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
            hostile.toString(), Integer.toString(l.port()), "6").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        t.kills++;
      }
    } else {
      System.err.println("hostile: " + hostile + " not found (run from the project folder); flood skipped");
    }
    long peak = rss0;
    while (attackers.stream().anyMatch(Process::isAlive) && p.isAlive()) {
      peak = Math.max(peak, rssKb(p.pid()));
      Thread.sleep(100);
    }
    for (Process a : attackers) {
      if (!a.waitFor(30, TimeUnit.SECONDS)) a.destroyForcibly();
    }
    t.checks++;
    if (peak - rss0 > MAX_RSS_GROWTH_KB) {
      t.fail(r.name, "the driver grew by " + (peak - rss0) / 1024 + " MB under the flood");
    }
    privateFiles(t, r);
    r.finish(p, 0);
  }

  /** A local user who guesses the database's password (H2's default, empty, or the experiment's name). */
  private static void guessPasswords(Torture t, Torture.Run r) {
    String base = r.db.toString().substring(0, r.db.toString().length() - ".mv.db".length());
    for (String guess : new String[] {"", "sa", r.name}) {
      t.checks++;
      try (var c = DriverManager.getConnection("jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE", "sa", guess)) {
        t.fail(r.name, "the database opened with the guessed password '" + guess + "'");
      } catch (SQLException refused) {
        // wanted: H2 says wrong user name or password (28000), or the file is locked by its owner
      }
    }
  }

  private static void privateFiles(Torture t, Torture.Run r) throws IOException {
    List<Path> check = new ArrayList<>();
    try (Stream<Path> s = Files.list(r.db.getParent())) {
      s.forEach(check::add);
    }
    if (Files.isDirectory(r.home)) {
      try (Stream<Path> s = Files.walk(r.home)) {
        s.forEach(check::add);
      }
    }
    for (Path f : check) {
      if (!Files.exists(f)) continue; // trial folders come and go while the run goes on
      t.checks++;
      String mode;
      try {
        mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
      } catch (IOException gone) {
        continue;
      }
      if (!mode.endsWith("------")) t.fail(r.name, f + " is " + mode + ", readable by others");
    }
  }

  record Listener(String address, int port) {
    boolean loopback() {
      return address.equals("0100007F") || address.equals("00000000000000000000000001000000")
          || address.startsWith("0000000000000000FFFF00000100007F");
    }

    @Override public String toString() {
      return address + ":" + port;
    }
  }

  private static List<Listener> awaitListeners(long pid, long ms) throws Exception {
    long end = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < end) {
      List<Listener> ls = listeners(pid);
      // the worker port opens with the first trial; H2's auto server may come first
      if (ls.size() >= 2 || (!ls.isEmpty() && System.currentTimeMillis() > end - ms / 2)) return ls;
      Thread.sleep(100);
    }
    return listeners(pid);
  }

  /** The TCP sockets {@code pid} listens on, from /proc/net/tcp{,6} and its open descriptors. */
  static List<Listener> listeners(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
        } catch (IOException gone) {
          // closed meanwhile
        }
      });
    } catch (IOException ended) {
      return List.of();
    }
    List<Listener> out = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path f = Path.of(table);
      if (!Files.exists(f)) continue;
      for (String line : Files.readAllLines(f)) {
        String[] c = line.trim().split("\\s+");
        if (c.length < 10 || !"0A".equals(c[3]) || !inodes.contains(c[9])) continue;
        String[] local = c[1].split(":");
        out.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
      }
    }
    return out;
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException ended) {
      // the driver ended
    }
    return 0;
  }
}
