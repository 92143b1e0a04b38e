package dev.stackwright.render;

/** A file of the user's own, rendered from a template onto every node that carries a role. */
record ExtraFile(String role, String path, String template, int mode, String owner) {}
