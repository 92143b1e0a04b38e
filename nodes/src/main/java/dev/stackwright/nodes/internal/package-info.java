/** The nodes backend's workings: not API, changed without notice. */
package dev.stackwright.nodes.internal;
