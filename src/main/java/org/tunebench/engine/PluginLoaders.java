package org.tunebench.engine;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tunebench.model.SpecException;

/**
 * The class loader through which an experiment's plug-ins are found: Tunebench's own classes first (so a
 * plug-in sees the same {@code Searcher}, {@code TrialScheduler}, {@code Stopper} interfaces as the driver),
 * then the trainable's JAR, then every JAR named by {@value #ENV} (JAR files, or folders whose {@code *.jar}
 * files are all taken, separated by the platform's path separator as in a class path).
 * Plug-ins run in the driver's JVM, never in a worker.
 */
public final class PluginLoaders {
  /** The environment variable naming plug-in JARs or folders of them. */
  public static final String ENV = "TUNEBENCH_PLUGINS";

  private static final Map<List<String>, ClassLoader> CACHE = new HashMap<>();

  private PluginLoaders() {}

  /** The loader for an experiment of {@code trainableJar} (may be null) plus the JARs {@value #ENV} names. */
  public static ClassLoader forExperiment(Path trainableJar) {
    return of(trainableJar, fromEnvironment(System.getenv(ENV)));
  }

  /** The JARs a {@value #ENV} value names; each entry must exist. */
  public static List<Path> fromEnvironment(String value) {
    List<Path> jars = new ArrayList<>();
    if (value == null || value.isBlank()) return jars;
    for (String entry : value.split(File.pathSeparator)) {
      if (entry.isBlank()) continue;
      Path p = Path.of(entry.strip());
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.list(p)) {
          files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
          throw new SpecException(ENV, "cannot list plug-in folder " + p + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        jars.add(p);
      } else {
        throw new SpecException(ENV, p + " does not exist; expected plug-in JAR files or folders of them, separated by "
            + File.pathSeparator);
      }
    }
    return jars;
  }

  /**
   * A loader over {@code trainableJar} (may be null) and {@code pluginJars}, shared while the files are
   * unchanged, so validating and starting an experiment see the same classes.
   */
  public static synchronized ClassLoader of(Path trainableJar, List<Path> pluginJars) {
    List<Path> all = new ArrayList<>();
    if (trainableJar != null && Files.isRegularFile(trainableJar)) all.add(trainableJar);
    all.addAll(pluginJars);
    ClassLoader parent = PluginLoaders.class.getClassLoader();
    if (all.isEmpty()) return parent;
    List<String> key = new ArrayList<>();
    URL[] urls = new URL[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Path p = all.get(i).toAbsolutePath().normalize();
      key.add(p + "@" + stamp(p));
      try {
        urls[i] = p.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new SpecException(ENV, "not a usable JAR path: " + p);
      }
    }
    return CACHE.computeIfAbsent(key, k -> new URLClassLoader("tunebench-plugins", urls, parent));
  }

  private static String stamp(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p);
    } catch (IOException e) {
      return "?";
    }
  }
}
