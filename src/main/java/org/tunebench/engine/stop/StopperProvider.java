package org.tunebench.engine.stop;

import org.tunebench.engine.PluginProvider;

/**
 * A typed stopper ({@code stop: {"type": ...}} or an element of a {@code stop} list), listed in
 * {@code META-INF/services/org.tunebench.engine.stop.StopperProvider}. The context's metric and mode are the
 * experiment's (defaults for a stopper's own {@code metric} / {@code mode}); its clock is the driver's.
 */
public interface StopperProvider extends PluginProvider<Stopper> {}
