package dev.portcullis.secret;

import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: how to find it cheaply (keywords), exactly (a regular expression run only on
 * lines that hold a keyword) and how to tell a real one from a placeholder.
 *
 * @param id stable identifier, as reports and allow rules name it
 * @param keywords lower-case strings of which a line must hold one before the expression runs;
 *     empty runs the expression on every line (custom rules only: it is slow)
 * @param regex finds the secret in one line
 * @param secretGroup the named group that is the secret itself; null for the whole match
 * @param path the files the rule applies to; null for all
 * @param fileMarker a lower-case string the file must also hold somewhere (a kubeconfig's {@code
 *     kind: Config}); null for none
 * @param check what a candidate must also satisfy
 * @param allowRules matches of this rule that are not secrets
 * @param visiblePrefix how much of a secret reports may show: the length of its public marker
 *     ({@code ghp_}: 4), 0 for secrets without one
 */
public record SecretRule(
    String id,
    String category,
    String title,
    Severity severity,
    List<String> keywords,
    Pattern regex,
    String secretGroup,
    Pattern path,
    String fileMarker,
    SecretCheck check,
    List<AllowRule> allowRules,
    int visiblePrefix) {

  public SecretRule {
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    allowRules = allowRules == null ? List.of() : List.copyOf(allowRules);
    check = check == null ? SecretCheck.ANY : check;
  }

  /** The secret within a match. */
  String secret(Matcher match) {
    return secretGroup == null ? match.group() : match.group(secretGroup);
  }

  int secretStart(Matcher match) {
    return secretGroup == null ? match.start() : match.start(secretGroup);
  }

  int secretEnd(Matcher match) {
    return secretGroup == null ? match.end() : match.end(secretGroup);
  }

  boolean appliesTo(String filePath) {
    return path == null || path.matcher(filePath).find();
  }
}
