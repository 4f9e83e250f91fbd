package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.secret.FilePaths;
import dev.portcullis.secret.SecretRuleSet;
import dev.portcullis.secret.SecretScanner;
import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PC-DF-101: secrets in ENV or ARG. ENV values are in the image config for anyone who pulls the
 * image ({@code docker inspect}); ARG values are in its history. A name that says secret (PASSWORD,
 * TOKEN, SECRET, API_KEY …) or a value in a known token format is a finding; a literal value makes
 * it CRITICAL. Names that point at a secret rather than hold it ({@code *_FILE}, {@code *_PATH},
 * {@code *_URL} …) are not, nor are values that are file paths.
 */
final class SecretVariableCheck implements Check {

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)(?:^|_)(?:PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY"
              + "|SECRET_?KEY|CREDENTIALS?|AUTH_?TOKEN)(?:$|_)");
  private static final Pattern POINTER =
      Pattern.compile(
          "(?i).*_(?:FILE|PATH|DIR|URL|URI|HOST|PORT|USER|USERNAME|NAME|ID|LENGTH|ENDPOINT"
              + "|HEADER|TYPE|MODE|VERSION|EXPIRY|TTL)$");

  /** The secret scanner's own token formats: one list of them, for files and Dockerfiles alike. */
  private static final SecretScanner TOKEN_FORMATS = new SecretScanner(SecretRuleSet.builtin());

  private static final Pattern ONLY_REFERENCE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    for (Instruction arg : context.file().globalArgs()) {
      variables(null, arg, escape, findings);
    }
    for (Stage stage : context.stages()) {
      for (Instruction instruction : stage.instructions()) {
        if (instruction.is("ENV") || instruction.is("ARG")) {
          variables(stage, instruction, escape, findings);
        }
      }
    }
  }

  /**
   * Whether a built-in secret rule other than the generic password and secret rules finds the
   * value, read as the line {@code NAME=value} (some formats need their key: a Datadog key under
   * DD_API_KEY).
   */
  private static boolean inKnownTokenFormat(String name, String value) {
    return TOKEN_FORMATS.scanText("Dockerfile", name + "=" + value).stream()
        .anyMatch(match -> !match.ruleId().startsWith("generic-"));
  }

  private static void variables(
      Stage stage, Instruction instruction, char escape, Findings findings) {
    boolean arg = instruction.is("ARG");
    for (Words.KeyValue pair : Words.pairs(instruction.arguments(), escape, arg)) {
      String name = pair.key();
      String value = pair.value();
      boolean token = value != null && inKnownTokenFormat(name, value);
      // A file path names where the secret is (GOOGLE_APPLICATION_CREDENTIALS=/credentials/x.json).
      boolean secretName =
          SECRET_NAME.matcher(name).find()
              && !POINTER.matcher(name).matches()
              && (value == null || !FilePaths.isFilePath(value.strip()));
      if (!token && !secretName) {
        continue;
      }
      boolean literal =
          value != null && !value.isBlank() && !ONLY_REFERENCE.matcher(value.strip()).matches();
      if (!arg && !literal && !token && (value == null || value.isBlank())) {
        continue;
      }
      String where =
          arg
              ? "build arguments are kept in the image history (docker history)"
              : "ENV values are in the image config for anyone with the image (docker inspect)";
      String shown = instruction.keyword() + " " + name + (value == null ? "" : "=…");
      String what = token ? "a value in a known token format" : "a secret by its name";
      findings.add(
          Rules.SECRET_VARIABLE,
          stage,
          instruction.line(),
          instruction.endLine(),
          shown + ": " + what + "; " + where,
          literal || token ? Severity.CRITICAL : Severity.HIGH,
          List.of());
    }
  }
}
