package org.tunebench.api;

/** Function API: runs on its own thread inside the worker; reports through the {@link Session}. */
@FunctionalInterface
public interface TrainFunction {
  void train(Config config, Session session) throws Exception;
}
