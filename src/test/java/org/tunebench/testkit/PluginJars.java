package org.tunebench.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tunebench.engine.PluginLoaders;

/** The custom-plugins sample's JAR (a user's searcher and stopper), as maven-invoker built it in place. */
public final class PluginJars {
  private PluginJars() {}

  public static Path customPlugins() {
    Path jar = TestJars.projectDir().resolve("sample-projects/custom-plugins/target/custom-plugins-trainable.jar");
    assertTrue(Files.isRegularFile(jar), jar + " missing: the samples are built by maven-invoker in pre-integration-test");
    return jar;
  }

  /** A loader that sees the sample's plug-ins as a plug-in-path JAR would be seen. */
  public static ClassLoader customPluginsLoader() {
    return PluginLoaders.of(null, List.of(customPlugins()));
  }
}
