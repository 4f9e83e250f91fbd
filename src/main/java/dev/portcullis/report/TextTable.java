package dev.portcullis.report;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns separated by two spaces, the first row being the header. */
final class TextTable {

  private TextTable() {}

  static void print(PrintWriter printer, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      printer.println(line.toString().stripTrailing());
    }
  }
}
