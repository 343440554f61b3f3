package org.tunebench.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Parent for a user JAR's class loader: it shows the JDK and {@code org.tunebench.api} and nothing else of
 * ours, so a trainable that bundles its own Jackson, Guava or H2 gets its own versions.
 */
public final class ApiOnlyClassLoader extends ClassLoader {
  private static final String API_PACKAGE = "org.tunebench.api.";
  private static final String API_PATH = "org/tunebench/api/";
  private static final ClassLoader OURS = ApiOnlyClassLoader.class.getClassLoader();
  public static final ApiOnlyClassLoader INSTANCE = new ApiOnlyClassLoader();

  private ApiOnlyClassLoader() {
    super("tunebench-api-only", ClassLoader.getPlatformClassLoader());
  }

  /** A loader for {@code jar} whose only view of Tunebench is the API. */
  public static URLClassLoader forJar(Path jar) {
    try {
      return new URLClassLoader("trainable:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, INSTANCE);
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) return OURS.loadClass(name);
    return super.loadClass(name, resolve);
  }

  @Override public URL getResource(String name) {
    if (name.startsWith(API_PATH)) return OURS.getResource(name);
    return super.getResource(name);
  }

  @Override public Enumeration<URL> getResources(String name) throws IOException {
    if (name.startsWith(API_PATH)) return OURS.getResources(name);
    return super.getResources(name);
  }
}
