package org.tunebench.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles src/bench/trainables against the API classes on our class path into one Trainable JAR, as a
 * user's project would be built; every trainable there is named in the manifest.
 */
final class BenchJars {
  static final List<String> TRAINABLES = List.of("bench.Ticker", "bench.Crashy", "bench.CrashyFn");

  private BenchJars() {}

  static Path build(Path work) throws IOException {
    Path src = Path.of("src/bench/trainables");
    Path classes = Files.createTempDirectory(work, "trainable-classes");
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path")));
    try (Stream<Path> s = Files.walk(src)) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) throw new IllegalStateException("bench trainables do not compile");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(new Attributes.Name("Tunebench-Trainables"), String.join(", ", TRAINABLES));
    Path jar = work.resolve("bench-trainable.jar");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
        Stream<Path> s = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
        jos.write(Files.readAllBytes(p));
        jos.closeEntry();
      }
    }
    return jar;
  }
}
