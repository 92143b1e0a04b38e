package dev.stackwright.cli;

import dev.stackwright.model.Cluster;

/** What runs {@code plan}, {@code apply} and {@code destroy} under one {@code --backend} name; see {@link Targets}. */
interface Target {
  /** Runs the verb of {@code options} on {@code model}; returns the exit code. */
  int run(Options options, Cluster model);
}
