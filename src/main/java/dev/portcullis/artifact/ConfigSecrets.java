package dev.portcullis.artifact;

import dev.portcullis.image.ImageConfig;
import dev.portcullis.image.ImageConfig.HistoryEntry;
import dev.portcullis.image.ImageConfig.RuntimeConfig;
import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.inventory.SecretFinding.Visibility;
import dev.portcullis.secret.SecretMatch;
import dev.portcullis.secret.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Secrets in the image configuration, which anyone who can pull the image reads with {@code docker
 * inspect}: the environment, labels, command and entry point, and the history, where the values of
 * {@code ARG} and {@code ENV} used by a build step are recorded with it.
 */
final class ConfigSecrets {

  private final SecretScanner scanner;

  ConfigSecrets(SecretScanner scanner) {
    this.scanner = scanner;
  }

  List<SecretFinding> scan(ImageConfig config) {
    List<SecretFinding> found = new ArrayList<>();
    RuntimeConfig runtime = config.runtime();
    if (runtime != null) {
      scanEntries("config:Env", runtime.env(), found);
      if (runtime.labels() != null) {
        scanEntries(
            "config:Labels",
            runtime.labels().entrySet().stream()
                .map((Map.Entry<String, String> e) -> e.getKey() + "=" + e.getValue())
                .sorted()
                .toList(),
            found);
      }
      scanCommand("config:Entrypoint", runtime.entrypoint(), found);
      scanCommand("config:Cmd", runtime.cmd(), found);
    }
    List<HistoryEntry> history = config.history();
    for (int i = 0; i < history.size(); i++) {
      String createdBy = history.get(i).createdBy();
      if (createdBy != null) {
        report("history:" + i, scanner.scanText("history:" + i, createdBy), found);
      }
    }
    return found;
  }

  /** One finding per entry, numbered as the entry's position (from 1). */
  private void scanEntries(String target, List<String> entries, List<SecretFinding> found) {
    if (entries == null) {
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      int position = i + 1;
      for (SecretMatch match : scanner.scanText(target, entries.get(i))) {
        found.add(new SecretFinding(match.atLine(position), target, null, Visibility.LIVE));
      }
    }
  }

  private void scanCommand(String target, List<String> words, List<SecretFinding> found) {
    if (words != null && !words.isEmpty()) {
      report(target, scanner.scanText(target, String.join(" ", words)), found);
    }
  }

  private static void report(String target, List<SecretMatch> matches, List<SecretFinding> found) {
    matches.forEach(m -> found.add(new SecretFinding(m, target, null, Visibility.LIVE)));
  }
}
