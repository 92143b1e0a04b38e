/**
 * The service configs of every node, derived from the cluster model: {@link dev.stackwright.render.Renderer} renders
 * them from Jinjava templates into a {@link dev.stackwright.render.RenderedCluster}, whose cloud-init user-data carries
 * every file a node needs. Secrets come from a {@link dev.stackwright.render.SecretSource} and never appear in a log,
 * an exception or a {@code toString()}.
 */
package dev.stackwright.render;
