/**
 * stackwright's entry points: {@link dev.stackwright.Stackwright#cluster(String)} starts a topology, and
 * {@link dev.stackwright.StackwrightException} is the root of every exception it throws.
 */
package dev.stackwright;
