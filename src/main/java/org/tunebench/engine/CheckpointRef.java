package org.tunebench.engine;

import java.nio.file.Path;

/** A stored checkpoint: the iteration and total training time it captures, and its folder. */
public record CheckpointRef(int iteration, double timeTotalS, Path path) {}
