package org.tunebench.engine;

/**
 * One trainable a JAR offers: its class, which API it implements ({@code class} or {@code function}), and
 * where the JAR names it ({@code manifest} or {@code services}).
 */
public record TrainableInfo(String className, String api, String declaredIn) {}
