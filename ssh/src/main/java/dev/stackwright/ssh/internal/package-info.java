/** Not API: the SSH channel's parts (host keys, the push's shell steps, the forwarder, the sessions). */
package dev.stackwright.ssh.internal;
