/**
 * The SSH channel: {@link dev.stackwright.ssh.SshChannel} gives a running node an {@code spi.NodeUpdate} over SSH
 * (files written whole, commands, checks, the old files back on a failure), directly or through a jump host, trusting
 * a host key only when the node printed it on its console at first boot or the cluster's known-hosts file holds it.
 * How an address is reached is a {@link dev.stackwright.ssh.Dialer}: plain TCP, or a forwarder into a namespace.
 */
package dev.stackwright.ssh;
