package org.tunebench.testkit;

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
 * Builds real Trainable JARs from the sources under {@code src/test/trainables/<set>}, compiled against
 * the API classes only, as a user's project would be.
 */
public final class TestJars {
  private TestJars() {}

  public static Path projectDir() {
    String p = System.getProperty("tunebench.project.dir");
    return p != null ? Path.of(p) : Path.of("").toAbsolutePath();
  }

  /** Compiles the source set {@code set} into a jar whose manifest names {@code trainables}. */
  public static Path build(Path outDir, String set, String jarName, List<String> trainables) throws IOException {
    Path src = projectDir().resolve("src/test/trainables").resolve(set);
    Path classes = Files.createTempDirectory(outDir, "classes-" + set);
    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(src)) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", apiClasses()));
    args.addAll(files);
    int rc = javac.run(null, null, null, args.toArray(String[]::new));
    if (rc != 0) throw new IllegalStateException("fixture sources of " + set + " do not compile");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (!trainables.isEmpty()) {
      mf.getMainAttributes().put(new Attributes.Name("Tunebench-Trainables"), String.join(", ", trainables));
    }
    Path jar = outDir.resolve(jarName);
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
        Stream<Path> s = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        jos.write(Files.readAllBytes(p));
        jos.closeEntry();
      }
    }
    return jar;
  }

  /** Where org.tunebench.api classes are: target/classes (compiled before tests). */
  private static String apiClasses() {
    return projectDir().resolve("target/classes").toString();
  }
}
