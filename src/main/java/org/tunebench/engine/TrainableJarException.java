package org.tunebench.engine;

/** A Trainable JAR that cannot be used: unreadable, offering no trainable, or not offering the one asked. */
public final class TrainableJarException extends RuntimeException {
  public TrainableJarException(String message) {
    super(message);
  }
}
