/**
 * The backend SPI: what a place that makes a cluster's resources real implements, and what it exchanges with the
 * engine. It depends on the model only, never on the engine.
 *
 * <p>A backend implements {@link Backend} (thread-safe and shared: the engine calls it from several threads at once),
 * says what it can do in {@link Capabilities}, and is found by the command line through a {@link BackendProvider}
 * listed in {@code META-INF/services/dev.stackwright.spi.BackendProvider}. It is asked for {@link ResourceSpec}s (one
 * record per kind: servers, ports, security groups and their rules, keypairs, server groups, floating IPs), each known
 * by its {@link ResourceId}, with {@link References} to turn the ids a spec refers to into the cloud's; it answers
 * with an {@link Observation} of {@link Observed} resources, and fails with a {@link BackendException} whose reason
 * says whether applying again may fix it. {@link ImageReleases} checks an image's OS release alike for every backend.
 *
 * <p>The ownership rule: every resource a backend creates carries its cluster's marker (the cluster's name and the
 * resource's id), and {@code observe} returns exactly what carries the cluster's marker, so nothing made by hand or
 * by another cluster is ever changed or deleted. Keypairs and server groups can carry no marker but their name: that
 * name is {@link OwnedNames#of}, and a backend reads one back with {@link OwnedNames#keyOf}, never by a prefix of its
 * own. A backend that keeps its own records (the in-memory cloud, the nodes backend) decides ownership the same way
 * through {@link Holdings}.
 */
package dev.stackwright.spi;
