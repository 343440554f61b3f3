package org.tunebench.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.tunebench.api.TrainFunction;
import org.tunebench.api.Trainable;
import org.tunebench.wire.ApiOnlyClassLoader;

/**
 * Finds the trainables a JAR offers: the manifest attribute {@code Tunebench-Trainables} and the service
 * files for {@link Trainable} and {@link TrainFunction}. Classes are loaded without running their static
 * initialisers, in a loader that sees only our API, exactly as a worker will see them.
 */
public final class TrainableCatalog {
  public static final String MANIFEST_ATTRIBUTE = "Tunebench-Trainables";

  private TrainableCatalog() {}

  public static List<TrainableInfo> inspect(Path jar) {
    Map<String, String> declared = declared(jar);
    List<TrainableInfo> out = new ArrayList<>();
    try (URLClassLoader loader = ApiOnlyClassLoader.forJar(jar)) {
      for (Map.Entry<String, String> e : declared.entrySet()) {
        out.add(new TrainableInfo(e.getKey(), apiOf(loader, jar, e.getKey()), e.getValue()));
      }
    } catch (IOException e) {
      throw new TrainableJarException("cannot read JAR " + jar + ": " + e.getMessage());
    }
    return out;
  }

  /** The class to run: {@code requested} if given (checked), else the JAR's only trainable. */
  public static TrainableInfo resolve(Path jar, String requested) {
    List<TrainableInfo> offered = inspect(jar);
    if (requested == null || requested.isBlank()) {
      if (offered.isEmpty()) throw noTrainables(jar);
      if (offered.size() > 1) {
        throw new TrainableJarException(jar.getFileName() + " offers " + offered.size() + " trainables; name one in"
            + " trainable.class: " + names(offered));
      }
      return offered.get(0);
    }
    for (TrainableInfo t : offered) if (t.className().equals(requested)) return t;
    try (URLClassLoader loader = ApiOnlyClassLoader.forJar(jar)) {
      return new TrainableInfo(requested, apiOf(loader, jar, requested), "spec");
    } catch (IOException e) {
      throw new TrainableJarException("cannot read JAR " + jar + ": " + e.getMessage());
    } catch (TrainableJarException e) {
      if (e.getMessage().contains("not found")) {
        throw new TrainableJarException("class " + requested + " is not in " + jar.getFileName()
            + (offered.isEmpty() ? "" : " (it offers: " + names(offered) + ")"));
      }
      throw e;
    }
  }

  private static TrainableJarException noTrainables(Path jar) {
    return new TrainableJarException(jar.getFileName() + " offers no trainables: name them in the manifest"
        + " attribute " + MANIFEST_ATTRIBUTE + " or in META-INF/services/org.tunebench.api.Trainable"
        + " (or .TrainFunction)");
  }

  private static String names(List<TrainableInfo> l) {
    return String.join(", ", l.stream().map(TrainableInfo::className).toList());
  }

  private static Map<String, String> declared(Path jar) {
    if (Files.isDirectory(jar)) {
      throw new TrainableJarException(jar + " is a folder, not a JAR file; give the JAR built from it (e.g. its target/*.jar)");
    }
    if (!Files.isRegularFile(jar)) throw new TrainableJarException("JAR not found: " + jar);
    if (!Files.isReadable(jar)) throw new TrainableJarException("JAR not readable: " + jar);
    Map<String, String> found = new LinkedHashMap<>();
    try (JarFile jf = new JarFile(jar.toFile())) {
      if (jf.getManifest() != null) {
        String attr = jf.getManifest().getMainAttributes().getValue(new Attributes.Name(MANIFEST_ATTRIBUTE));
        if (attr != null) {
          for (String s : attr.split("[,\\s]+")) if (!s.isBlank()) found.putIfAbsent(s.strip(), "manifest");
        }
      }
      for (Class<?> api : List.of(Trainable.class, TrainFunction.class)) {
        ZipEntry e = jf.getEntry("META-INF/services/" + api.getName());
        if (e == null) continue;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jf.getInputStream(e), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            String s = line.replaceAll("#.*", "").strip();
            if (!s.isEmpty()) found.putIfAbsent(s, "services");
          }
        }
      }
    } catch (java.util.zip.ZipException e) {
      // the zip library's own words ("zip END header not found") do not tell a user what is wrong
      throw new TrainableJarException("not a JAR file (it cannot be opened as a zip): " + jar.getFileName());
    } catch (IOException e) {
      throw new TrainableJarException("cannot read JAR " + jar + ": " + (e.getMessage() == null ? e : e.getMessage()));
    }
    return found;
  }

  private static String apiOf(ClassLoader loader, Path jar, String className) {
    Class<?> c;
    try {
      c = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new TrainableJarException("class " + className + " not found in " + jar.getFileName()
          + (e instanceof LinkageError ? " (" + e + ")" : ""));
    }
    if (Trainable.class.isAssignableFrom(c)) return "class";
    if (TrainFunction.class.isAssignableFrom(c)) return "function";
    throw new TrainableJarException(className + " in " + jar.getFileName() + " is no trainable: it implements"
        + " neither org.tunebench.api.Trainable nor org.tunebench.api.TrainFunction");
  }
}
