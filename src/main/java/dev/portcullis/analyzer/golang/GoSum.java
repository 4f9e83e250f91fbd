package dev.portcullis.analyzer.golang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code go.sum}: one line per module version ({@code path version[/go.mod] h1:hash}). The go
 * command writes it sorted by module and then by semantic version, so a module's last line names
 * the highest version, the one the build selected (Trivy reads it the same way).
 */
final class GoSum {

  private GoSum() {}

  record Module(String path, String version) {}

  static List<Module> modules(String text) {
    Map<String, String> selected = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length != 3 || !fields[1].startsWith("v")) {
        continue;
      }
      String version =
          fields[1].endsWith("/go.mod")
              ? fields[1].substring(0, fields[1].length() - "/go.mod".length())
              : fields[1];
      selected.put(fields[0], version);
    }
    List<Module> modules = new ArrayList<>();
    selected.forEach((path, version) -> modules.add(new Module(path, version)));
    return modules;
  }
}
