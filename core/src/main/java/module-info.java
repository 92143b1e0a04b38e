/**
 * stackwright's core: the DSL, the model, rendering, the engine and its backend SPI, the in-memory cloud and the
 * local backend. Exports the API packages only; {@code internal} ones stay in the module (the check: core's
 * ApiSurfaceTest, against api/core.api).
 */
// Jinjava has no module name of its own: javac warns that one taken from a jar's file name may change
@SuppressWarnings("requires-automatic")
module dev.stackwright.core {
  requires jinjava;
  requires org.slf4j;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires java.desktop; // java.beans, which render.internal.FilterCallResolver implements for Jinjava
  requires static org.immutables.value;

  exports dev.stackwright;
  exports dev.stackwright.cli;
  exports dev.stackwright.dsl;
  exports dev.stackwright.engine;
  exports dev.stackwright.export;
  exports dev.stackwright.local;
  exports dev.stackwright.memory;
  exports dev.stackwright.model;
  exports dev.stackwright.render;
  exports dev.stackwright.report;
  exports dev.stackwright.services;
  exports dev.stackwright.spi;
  exports dev.stackwright.testing;
  exports dev.stackwright.tls;

  uses dev.stackwright.spi.BackendProvider;
  provides dev.stackwright.spi.BackendProvider with dev.stackwright.memory.InMemoryProvider;
}
