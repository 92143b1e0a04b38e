/**
 * The cluster in other tools' formats: {@link dev.stackwright.export.HeatTemplate}, a Heat Orchestration Template of
 * the resources the engine derives, for clouds whose policy wants Heat stacks.
 */
package dev.stackwright.export;
