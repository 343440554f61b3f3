package org.tunebench.engine.schedule;

import org.tunebench.engine.PluginProvider;

/**
 * A scheduler type ({@code scheduler.type}), listed in
 * {@code META-INF/services/org.tunebench.engine.schedule.SchedulerProvider}. {@link #create} gets
 * {@code $.scheduler} with its names checked; the context's metric and mode are the experiment's, already
 * overridden by {@code scheduler.metric} / {@code scheduler.mode} when the provider accepts those names.
 */
public interface SchedulerProvider extends PluginProvider<TrialScheduler> {}
