package org.tunebench.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/** Test helpers: the project folder, a throwaway prefs node, a rosenbrock spec that keeps trials running. */
final class UiFixtures {
  private UiFixtures() {}

  static Path projectDir() {
    String p = System.getProperty("tunebench.project.dir");
    return Path.of(p != null ? p : System.getProperty("user.dir")).toAbsolutePath();
  }

  static WindowPrefs prefs() {
    return new WindowPrefs(Preferences.userRoot().node("tunebench-test/" + System.nanoTime()));
  }

  /** The rosenbrock sample with an absolute jar, long trials (stepMillis 100) and FIFO scheduling. */
  /** The rosenbrock sample's spec as {@code dir/name.json}, named {@code name}, with {@code jar} and no class named. */
  static Path rosenbrockWith(Path dir, String name, Path jar) throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode spec = (ObjectNode) m.readTree(projectDir().resolve("sample-projects/rosenbrock/rosenbrock.json").toFile());
    spec.put("name", name);
    ((ObjectNode) spec.get("trainable")).put("jar", jar.toString());
    ((ObjectNode) spec.get("trainable")).remove("class");
    Path f = dir.resolve(name + ".json");
    Files.writeString(f, m.writeValueAsString(spec));
    return f;
  }

  static Path longRosenbrock(Path dir, String name, int samples) throws Exception {
    Path jar = projectDir().resolve("sample-projects/rosenbrock/target/rosenbrock-trainable.jar");
    ObjectMapper m = new ObjectMapper();
    ObjectNode spec = (ObjectNode) m.readTree(projectDir().resolve("sample-projects/rosenbrock/rosenbrock.json").toFile());
    spec.put("name", name);
    ((ObjectNode) spec.get("trainable")).put("jar", jar.toString());
    ObjectNode space = (ObjectNode) spec.get("space");
    space.put("iterations", 100_000);
    space.put("stepMillis", 100);
    spec.put("numSamples", samples);
    spec.putObject("scheduler").put("type", "fifo");
    spec.remove("stop");
    spec.put("maxConcurrentTrials", 2);
    spec.putObject("checkpoint").put("frequency", 3).put("atEnd", true).put("numToKeep", 2);
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, m.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    return file;
  }
}
