package dev.portcullis.report;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Left-aligned columns separated by two spaces, the first row being the header. Cells come from
 * hostile input (file lines, registry answers): control characters are shown as {@code ?}, so that
 * no escape sequence reaches the terminal.
 */
final class TextTable {

  private TextTable() {}

  static void print(PrintWriter printer, List<String[]> given) {
    List<String[]> rows =
        given.stream()
            .map(
                row ->
                    Arrays.stream(row)
                        .map(cell -> cell == null ? "" : cell.replaceAll("\\p{Cntrl}", "?"))
                        .toArray(String[]::new))
            .toList();
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
