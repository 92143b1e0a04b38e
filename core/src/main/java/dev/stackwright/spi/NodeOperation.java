package dev.stackwright.spi;

/** What a backend can do to a running server besides replacing it; see {@link Capabilities#nodeOperations()}. */
public enum NodeOperation {
  /** Give it new files, reload or restart its units, run a redeploy: {@link Backend#reconfigure}. */
  RECONFIGURE,
  /** Boot it again with new user-data, keeping its id, port and addresses: {@link Backend#rebuild}. */
  REBUILD
}
