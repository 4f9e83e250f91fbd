package dev.portcullis.misconfig.dockerfile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instructions in the context of their stage: PC-DF-306 and PC-DF-307 (more than one CMD or
 * ENTRYPOINT), PC-DF-314 (ENV using a variable it defines), PC-DF-318 and PC-DF-319 (LABEL keys and
 * values), PC-DF-320 (consecutive RUNs).
 */
final class StageInstructionsCheck implements Check {

  private static final List<String> RESERVED_LABELS =
      List.of("com.docker.", "io.docker.", "org.dockerproject.");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    Set<String> globals = new HashSet<>();
    for (Instruction arg : context.file().globalArgs()) {
      Words.pairs(arg.arguments(), escape, true).forEach(p -> globals.add(p.key()));
    }
    for (Stage stage : context.stages()) {
      Instruction cmd = null;
      Instruction entrypoint = null;
      Instruction previous = null;
      Set<String> defined = new HashSet<>(globals);
      for (Instruction instruction : stage.instructions()) {
        switch (instruction.keyword()) {
          case "CMD" -> {
            if (cmd != null) {
              again(Rules.MULTIPLE_CMD, stage, instruction, cmd, findings);
            }
            cmd = instruction;
          }
          case "ENTRYPOINT" -> {
            if (entrypoint != null) {
              again(Rules.MULTIPLE_ENTRYPOINT, stage, instruction, entrypoint, findings);
            }
            entrypoint = instruction;
          }
          case "ENV" -> env(stage, instruction, defined, escape, findings);
          case "ARG" ->
              Words.pairs(instruction.arguments(), escape, true).forEach(p -> defined.add(p.key()));
          case "LABEL" -> label(stage, instruction, escape, findings);
          case "RUN" -> {
            if (previous != null
                && previous.is("RUN")
                && previous.flags().isEmpty()
                && instruction.flags().isEmpty()) {
              findings.add(
                  Rules.CONSECUTIVE_RUN,
                  stage,
                  instruction,
                  "RUN right after the RUN on line " + previous.line() + ": one more layer");
            }
          }
          default -> {}
        }
        previous = instruction;
      }
    }
  }

  private static void again(
      Rule rule, Stage stage, Instruction instruction, Instruction first, Findings findings) {
    findings.add(
        rule,
        stage,
        instruction,
        instruction.keyword()
            + " again (first on line "
            + first.line()
            + "): only the last counts");
  }

  private static void env(
      Stage stage, Instruction env, Set<String> defined, char escape, Findings findings) {
    Set<String> same = new HashSet<>();
    for (Words.KeyValue pair : Words.pairs(env.arguments(), escape, false)) {
      if (pair.value() != null) {
        Matcher m = REFERENCE.matcher(pair.value());
        while (m.find()) {
          String name = m.group(1);
          if (same.contains(name) && !defined.contains(name)) {
            findings.add(
                Rules.ENV_SELF_REFERENCE,
                stage,
                env,
                "ENV "
                    + pair.key()
                    + " uses $"
                    + name
                    + ", defined in the same ENV: it sees the value from before (none)");
            break;
          }
        }
      }
      same.add(pair.key());
    }
    defined.addAll(same);
  }

  /** Lower-case letters and digits, separated by single dots or dashes; no regex, any length. */
  private static boolean validLabelKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    boolean separatorAllowed = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum) {
        separatorAllowed = true;
      } else if ((c == '.' || c == '-') && separatorAllowed) {
        separatorAllowed = false;
      } else {
        return false;
      }
    }
    return separatorAllowed;
  }

  private static void label(Stage stage, Instruction label, char escape, Findings findings) {
    for (Words.KeyValue pair : Words.pairs(label.arguments(), escape, false)) {
      String key = pair.key();
      boolean reserved = RESERVED_LABELS.stream().anyMatch(key::startsWith);
      if (!validLabelKey(key) || reserved) {
        findings.add(
            Rules.LABEL_KEY,
            stage,
            label,
            "LABEL "
                + key
                + (reserved
                    ? ": the com.docker., io.docker. and org.dockerproject. namespaces are Docker's"
                    : ": keys are lower-case letters and digits separated by single . or -"));
      }
      if (pair.value() == null || pair.value().isEmpty()) {
        findings.add(Rules.LABEL_EMPTY, stage, label, "LABEL " + key + " has no value");
      }
    }
  }
}
