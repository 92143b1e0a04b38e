/**
 * The engine between the model and a cloud: the resources a cluster needs ({@link dev.stackwright.engine.ResourceSpec}
 * and its kinds), what a backend observed ({@link dev.stackwright.engine.Observation}), and the backend SPI
 * ({@link dev.stackwright.engine.Backend}). There is no state file: every resource carries its ownership marker.
 */
package dev.stackwright.engine;
