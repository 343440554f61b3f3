package org.tunebench.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Listening TCP sockets of one process, read from /proc (Linux): the OS's view, not the program's. */
public final class OpenPorts {
  private OpenPorts() {}

  /** True where /proc/net/tcp can be read (Linux). */
  public static boolean available() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** Local addresses ("hexaddr:hexport" as in /proc/net/tcp*) of sockets {@code pid} listens on. */
  public static List<String> listening(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
        } catch (IOException gone) {
          // closed while listing
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) continue;
      List<String> lines = Files.readAllLines(p); // read once: the table changes as sockets come and go
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9])) out.add(f[1]);
      }
    }
    return out;
  }

  /** True for 127.x.x.x, ::1 and ::ffff:127.x.x.x in /proc's hex form. */
  public static boolean isLoopback(String local) {
    String addr = local.substring(0, local.indexOf(':'));
    if (addr.length() == 8) return addr.endsWith("7F");
    return addr.equals("00000000000000000000000001000000") || addr.matches("0000000000000000FFFF0000..0000" + "7F");
  }
}
