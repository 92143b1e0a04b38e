/** Reports computed from the model: the capacity overview and the address plan, as text and as data. */
package dev.stackwright.report;
