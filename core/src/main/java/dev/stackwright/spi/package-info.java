/**
 * The backend SPI: what a place that makes a cluster's resources real implements ({@link dev.stackwright.spi.Backend},
 * found by the command line through {@link dev.stackwright.spi.BackendProvider}), the resources it is asked for
 * ({@link dev.stackwright.spi.ResourceSpec} and its kinds), what it observed ({@link dev.stackwright.spi.Observation}),
 * and the ownership naming rule ({@link dev.stackwright.spi.OwnedNames}). It depends on the model only, never on the
 * engine.
 */
package dev.stackwright.spi;
