package org.tunebench.engine;

import java.util.List;

/**
 * One plug-in type of one family (searcher, scheduler or stopper), found by {@link java.util.ServiceLoader}:
 * the built-in ones through {@code META-INF/services} of Tunebench's own jar, a user's through the same file in
 * their JAR. Implementations need a public no-argument constructor.
 *
 * @param <T> what the family makes: a {@code Searcher}, a {@code TrialScheduler} or a {@code Stopper}
 */
public interface PluginProvider<T> {
  /** The name the spec uses in {@code "type"}, e.g. {@code "asha"}; letters, digits, {@code _ . -}. */
  String type();

  /** The parameter names this type accepts besides {@code type}; any other name is refused before {@link #create}. */
  List<String> parameters();

  /**
   * A fresh plug-in. Throw {@link org.tunebench.model.SpecException} (e.g. {@link PluginParams#error}) for a bad
   * parameter value; its message names the JSON path and what is allowed.
   */
  T create(PluginParams params, PluginContext context);
}
