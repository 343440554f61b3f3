package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a trainable path that is no JAR file is called: a folder used to be "JAR not found" though it exists. */
class TrainableCatalogPathTest {
  @TempDir Path tmp;

  @Test void aFolderIsSaidToBeAFolder() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("my-project"));
    TrainableJarException e = assertThrows(TrainableJarException.class, () -> TrainableCatalog.inspect(folder));
    assertEquals(folder + " is a folder, not a JAR file; give the JAR built from it (e.g. its target/*.jar)", e.getMessage());
    assertEquals(e.getMessage(), assertThrows(TrainableJarException.class, () -> TrainableCatalog.resolve(folder, null)).getMessage());
  }

  @Test void aMissingJarIsNotFound() {
    Path jar = tmp.resolve("missing.jar");
    assertEquals("JAR not found: " + jar, assertThrows(TrainableJarException.class, () -> TrainableCatalog.inspect(jar)).getMessage());
  }
}
