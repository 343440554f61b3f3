package org.tunebench.engine.exec;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Application class-data sharing for worker JVMs. Perf (EngineBench a): a worker spent ~0.3 s of CPU
 * starting (Jackson and our wire classes); with an archive of those classes it spends ~0.12 s, which
 * matters when 16 workers start at once on 2 cores. The archive is made once per JDK and worker class
 * path, in the background, by a short JVM that runs {@code WorkerMain --cds-warmup} with
 * {@code -XX:ArchiveClassesAtExit}; workers started before it exists simply run without it. The JVM
 * checks the archive against its own class path and ignores a mismatching one ({@code -Xshare:auto}).
 * Off with {@code -Dtunebench.workerCds=false}; the folder is {@code tunebench.cds.dir} (default: a
 * per-user folder in java.io.tmpdir).
 */
final class WorkerCds {
  private static final Logger LOG = Logger.getLogger(WorkerCds.class.getName());
  private static final Object LOCK = new Object();
  private static volatile boolean started;
  private static final int KEEP = 4;

  private WorkerCds() {}

  /** JVM options that use the archive, or none if there is none (yet); starts making it if needed. */
  static List<String> options(List<String> userJvmArgs) {
    if (!Boolean.parseBoolean(System.getProperty("tunebench.workerCds", "true"))) return List.of();
    // the user's own class-data sharing choice wins
    if (userJvmArgs.stream().anyMatch(a -> a.startsWith("-Xshare") || a.contains("SharedArchiveFile")
        || a.contains("ArchiveClassesAtExit"))) {
      return List.of();
    }
    Path archive = archive();
    if (archive == null) return List.of();
    if (Files.isRegularFile(archive)) return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
    makeInBackground(archive);
    return List.of();
  }

  private static Path archive() {
    String cp = JvmCommand.classPath();
    // a dynamic archive cannot hold classes from directories (tests, IDE runs): only jars qualify
    for (String p : cp.split(File.pathSeparator)) {
      if (!p.endsWith(".jar")) return null;
    }
    String dir = System.getProperty("tunebench.cds.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "tunebench-cds-" + System.getProperty("user.name")).toString());
    String key = JvmCommand.javaBinary() + "\n" + System.getProperty("java.vm.version") + "\n" + cp + "\n"
        + jarStamps(cp);
    return Path.of(dir).resolve("worker-" + sha(key).substring(0, 16) + ".jsa");
  }

  /** Jars rebuilt in place (mvn package) must not meet an archive of their old classes. */
  private static String jarStamps(String cp) {
    StringBuilder b = new StringBuilder();
    for (String p : cp.split(File.pathSeparator)) {
      File f = new File(p);
      b.append(f.length()).append('@').append(f.lastModified()).append(';');
    }
    return b.toString();
  }

  private static void makeInBackground(Path archive) {
    synchronized (LOCK) {
      if (started) return;
      started = true;
    }
    Thread t = new Thread(() -> make(archive), "tunebench-worker-cds");
    t.setDaemon(true);
    t.start();
  }

  private static void make(Path archive) {
    Path tmp = null;
    try {
      org.tunebench.wire.PrivateFiles.directory(archive.getParent());
      tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Process p = new ProcessBuilder(JvmCommand.javaBinary(), "-XX:ArchiveClassesAtExit=" + tmp, "-Xmx64m",
          "-XX:+UseSerialGC", "-cp", JvmCommand.classPath(), JvmCommand.WORKER_MAIN, "--cds-warmup")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return;
      }
      if (p.exitValue() == 0 && Files.size(tmp) > 0) {
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune(archive.getParent());
      }
    } catch (IOException e) {
      LOG.fine(() -> "no class-data archive for workers: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        if (tmp != null) Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a stray temp file in the cache folder is harmless
      }
    }
  }

  /** Every rebuilt jar makes a new ~6 MB archive: keep the newest few (a running worker keeps its mapping). */
  private static void prune(Path dir) throws IOException {
    List<Path> all;
    try (var s = Files.list(dir)) {
      all = s.filter(p -> p.getFileName().toString().matches("worker-[0-9a-f]+\\.jsa"))
          .sorted(java.util.Comparator.comparing(WorkerCds::modified).reversed()).toList();
    }
    for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) Files.deleteIfExists(old);
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
