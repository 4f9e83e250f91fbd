package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.policy.DockerfileSettings;
import dev.portcullis.vulndb.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one file, with the policy's severity (or off) for each rule. */
final class Findings {

  private final String file;
  private final DockerfileSettings settings;
  private final List<LintFinding> found = new ArrayList<>();

  Findings(String file, DockerfileSettings settings) {
    this.file = file;
    this.settings = settings;
  }

  void add(Rule rule, Stage stage, Instruction at, String message) {
    add(rule, stage, at.line(), at.endLine(), message, rule.severity(), rule.otherIds());
  }

  void add(Rule rule, Stage stage, Instruction at, String message, List<String> aliases) {
    add(rule, stage, at.line(), at.endLine(), message, rule.severity(), aliases);
  }

  void add(
      Rule rule,
      Stage stage,
      int line,
      int endLine,
      String message,
      Severity severity,
      List<String> aliases) {
    DockerfileSettings.RuleSetting setting = setting(rule, aliases);
    if (setting != null && setting.off()) {
      return;
    }
    found.add(
        new LintFinding(
            rule,
            setting != null ? setting.severity() : severity,
            message,
            aliases,
            file,
            line,
            endLine,
            stage == null ? null : stage.label(),
            stage == null ? null : stage.base().resolved()));
  }

  /** The policy's setting for the rule, by its id first, then by the finding's aliases. */
  private DockerfileSettings.RuleSetting setting(Rule rule, List<String> aliases) {
    for (var entry : settings.rules().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(rule.id())) {
        return entry.getValue();
      }
    }
    for (var entry : settings.rules().entrySet()) {
      for (String alias : aliases) {
        if (entry.getKey().equalsIgnoreCase(alias)) {
          return entry.getValue();
        }
      }
    }
    return null;
  }

  List<LintFinding> all() {
    return found;
  }
}
