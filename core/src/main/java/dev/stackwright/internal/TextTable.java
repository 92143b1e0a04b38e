package dev.stackwright.internal;

import java.util.ArrayList;
import java.util.List;

/** An aligned plain-text table: columns padded to their widest cell, numbers right-aligned. */
public final class TextTable {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<Integer> rulesBefore = new ArrayList<>();

  public TextTable(List<String> header, boolean... rightAligned) {
    this.header = List.copyOf(header);
    this.rightAligned = rightAligned.clone();
  }

  public TextTable row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** A horizontal rule before the next row (the seed's line above TOTAL). */
  public TextTable rule() {
    rulesBefore.add(rows.size());
    return this;
  }

  @Override
  public String toString() {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>(rows);
    all.add(header);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    int total = (width.length - 1) * 2;
    for (int w : width) {
      total += w;
    }
    StringBuilder s = new StringBuilder();
    line(s, header, width);
    s.append("-".repeat(total)).append('\n');
    for (int r = 0; r < rows.size(); r++) {
      if (rulesBefore.contains(r)) {
        s.append("-".repeat(total)).append('\n');
      }
      line(s, rows.get(r), width);
    }
    return s.toString();
  }

  private void line(StringBuilder s, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      boolean right = i < rightAligned.length && rightAligned[i];
      l.append(i == 0 ? "" : "  ").append(right ? pad + c : c + pad);
    }
    s.append(l.toString().stripTrailing()).append('\n');
  }
}
