package org.tunebench.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import org.tunebench.model.SpecException;

/**
 * The providers of one plug-in family, found by {@link ServiceLoader} through a class loader: Tunebench's own
 * (built-ins) and whatever user JARs that loader sees ({@link PluginLoaders}). Built-ins come first, and a user
 * type that reuses a name already taken is refused when it is asked for, naming both classes.
 *
 * @param <P> the family's provider interface
 */
public final class PluginRegistry<P extends PluginProvider<?>> {
  private final Class<P> service;
  private final String family;
  private final Map<String, P> extra = new LinkedHashMap<>();
  private final Map<ClassLoader, Found<P>> cache = new WeakHashMap<>();

  private record Found<P>(Map<String, P> byType, Map<String, String> clashes) {}

  /**
   * @param service the provider interface named in {@code META-INF/services}
   * @param family how users call this family in messages, e.g. {@code "scheduler"}
   */
  public PluginRegistry(Class<P> service, String family) {
    this.service = service;
    this.family = family;
  }

  /** Adds a provider by code (embedding, tests); the normal way is a {@code META-INF/services} line. */
  public synchronized void register(P provider) {
    extra.put(provider.type(), provider);
  }

  /** Type names available through {@code loader}, built-ins first. */
  public List<String> types(ClassLoader loader) {
    return new ArrayList<>(found(loader).byType().keySet());
  }

  /**
   * The provider of {@code type}.
   *
   * @param path the JSON path of the {@code type} field, for the error
   * @throws SpecException when no provider offers it (naming the available types) or two do
   */
  public P find(String type, ClassLoader loader, String path) {
    Found<P> f = found(loader);
    String clash = f.clashes().get(type);
    if (clash != null) throw new SpecException(path, family + " type \"" + type + "\" is offered twice: " + clash);
    P p = f.byType().get(type);
    if (p == null) {
      throw new SpecException(path, "unknown " + family + " type \"" + type + "\"; available: "
          + String.join(", ", f.byType().keySet())
          + " (a plug-in's type is found in the trainable's JAR or in a JAR on " + PluginLoaders.ENV + ")");
    }
    return p;
  }

  private Found<P> found(ClassLoader loader) {
    ClassLoader key = loader == null ? PluginRegistry.class.getClassLoader() : loader;
    synchronized (this) {
      Found<P> f = cache.get(key);
      if (f == null) {
        f = load(key);
        cache.put(key, f);
      }
      if (extra.isEmpty()) return f;
      Map<String, P> all = new LinkedHashMap<>(f.byType());
      extra.forEach(all::putIfAbsent);
      return new Found<>(all, f.clashes());
    }
  }

  private Found<P> load(ClassLoader loader) {
    Map<String, P> byType = new LinkedHashMap<>();
    Map<String, String> clashes = new LinkedHashMap<>();
    Iterator<P> it = ServiceLoader.load(service, loader).iterator();
    while (true) {
      P p;
      try {
        if (!it.hasNext()) break;
        p = it.next();
      } catch (ServiceConfigurationError e) {
        throw new SpecException("$", "a " + family + " plug-in cannot be loaded: " + rootMessage(e));
      }
      P before = byType.putIfAbsent(p.type(), p);
      if (before != null && before.getClass() != p.getClass()) {
        clashes.put(p.type(), before.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return new Found<>(builtInsFirst(byType), clashes);
  }

  /** Tunebench's own providers (same code source as this class) first, so messages list them first. */
  private static <P> Map<String, P> builtInsFirst(Map<String, P> byType) {
    Object own = codeSource(PluginRegistry.class);
    Map<String, P> out = new LinkedHashMap<>();
    byType.forEach((type, p) -> {
      if (java.util.Objects.equals(codeSource(p.getClass()), own)) out.put(type, p);
    });
    byType.forEach(out::putIfAbsent);
    return out;
  }

  private static Object codeSource(Class<?> c) {
    var source = c.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    String m = t == e ? e.getMessage() : e.getMessage() + " (" + t + ")";
    return m == null ? e.toString() : m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
