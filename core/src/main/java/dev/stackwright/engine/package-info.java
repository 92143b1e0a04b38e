/**
 * The engine between the model and a cloud: the resources a cluster needs ({@link dev.stackwright.spi.ResourceSpec}
 * and its kinds), what a backend observed ({@link dev.stackwright.spi.Observation}), and the backend SPI
 * ({@link dev.stackwright.spi.Backend}). There is no state file: every resource carries its ownership marker.
 */
package dev.stackwright.engine;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceSpec;
