package dev.tiffin.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints data for people (aligned columns) or for scripts ({@code --json}). */
final class Output {

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** One record: a two-column table of names and values, or one JSON object. */
  void record(Map<String, ?> fields) {
    if (json) {
      out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(fields));
      return;
    }
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach((name, value) -> out.printf("%-" + width + "s  %s%n", name, value));
  }

  /** Rows under a header, columns aligned; or a JSON array of objects. */
  void table(List<String> header, List<List<?>> rows) {
    if (json) {
      List<Map<String, Object>> objects = new ArrayList<>();
      for (List<?> row : rows) {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          object.put(header.get(i), row.get(i));
        }
        objects.add(object);
      }
      out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(objects));
      return;
    }
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<?> row : rows) {
        widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
      }
    }
    printRow(header, widths);
    for (List<?> row : rows) {
      printRow(row, widths);
    }
  }

  private void printRow(List<?> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = String.valueOf(cells.get(i));
      line.append(i == cells.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
    }
    out.println(line.toString().stripTrailing());
  }

  /** A line of text, not data (only in human output). */
  void note(String text) {
    if (!json) {
      out.println(text);
    }
  }
}
