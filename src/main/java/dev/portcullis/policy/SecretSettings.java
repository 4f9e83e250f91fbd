package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.portcullis.secret.AllowRule;
import dev.portcullis.secret.BuiltinSecretRules;
import dev.portcullis.secret.SecretCheck;
import dev.portcullis.secret.SecretRule;
import dev.portcullis.secret.SecretRuleSet;
import dev.portcullis.vulndb.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code secrets} section of the policy file: the user's own rules and allow rules, built-in
 * rules and default skipped paths turned off by id, and the largest file read. Documented in
 * docs/secret-rules.md; the field names follow Trivy's {@code trivy-secret.yaml}.
 *
 * @param disableRules ids of built-in rules not to run
 * @param disableAllowRules ids of default skipped paths to scan after all
 * @param maxFileSize files larger than this are not read (reported as a warning)
 */
public record SecretSettings(
    List<CustomRule> rules,
    @JsonProperty("allow-rules") List<CustomAllowRule> allowRules,
    @JsonProperty("disable-rules") List<String> disableRules,
    @JsonProperty("disable-allow-rules") List<String> disableAllowRules,
    @JsonProperty("max-file-size") Long maxFileSize) {

  public SecretSettings {
    rules = rules == null ? List.of() : List.copyOf(rules);
    allowRules = allowRules == null ? List.of() : List.copyOf(allowRules);
    disableRules = disableRules == null ? List.of() : List.copyOf(disableRules);
    disableAllowRules = disableAllowRules == null ? List.of() : List.copyOf(disableAllowRules);
    if (maxFileSize != null && maxFileSize < 1) {
      throw new IllegalArgumentException("secrets.max-file-size must be 1 or more");
    }
    Set<String> builtin =
        Set.copyOf(BuiltinSecretRules.all().stream().map(SecretRule::id).toList());
    for (String id : disableRules) {
      if (!builtin.contains(id)) {
        throw new IllegalArgumentException(
            "secrets.disable-rules: no built-in rule '" + id + "' (see docs/secret-rules.md)");
      }
    }
    Set<String> skipped =
        Set.copyOf(SecretRuleSet.DEFAULT_SKIPPED_PATHS.stream().map(AllowRule::id).toList());
    for (String id : disableAllowRules) {
      if (!skipped.contains(id)) {
        throw new IllegalArgumentException(
            "secrets.disable-allow-rules: no default allow rule '" + id + "'");
      }
    }
  }

  /** The built-in rules and skipped paths. */
  public static SecretSettings defaults() {
    return new SecretSettings(null, null, null, null, null);
  }

  /** The rules a scan runs under these settings: the user's rules after the built-in ones. */
  public SecretRuleSet ruleSet() {
    if (equals(defaults())) {
      return SecretRuleSet.builtin();
    }
    List<SecretRule> all = new ArrayList<>();
    BuiltinSecretRules.all().stream().filter(r -> !disableRules.contains(r.id())).forEach(all::add);
    // The generic rules stay last, so a user's specific rule wins over them on the same text.
    List<SecretRule> generic = all.stream().filter(r -> r.id().startsWith("generic-")).toList();
    all.removeAll(generic);
    rules.forEach(r -> all.add(r.toRule()));
    all.addAll(generic);
    List<AllowRule> allow = new ArrayList<>();
    SecretRuleSet.DEFAULT_SKIPPED_PATHS.stream()
        .filter(a -> !disableAllowRules.contains(a.id()))
        .forEach(allow::add);
    allowRules.forEach(a -> allow.add(a.toAllowRule()));
    return new SecretRuleSet(
        all,
        allow,
        maxFileSize != null ? maxFileSize : SecretRuleSet.DEFAULT_MAX_FILE_SIZE,
        fingerprint());
  }

  private String fingerprint() {
    try {
      byte[] canonical =
          new ObjectMapper()
              .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
              .writeValueAsString(this)
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical))
          .substring(0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the secret settings", e);
    }
  }

  /** A rule of the user's, as Trivy's secret configuration writes one. */
  public record CustomRule(
      String id,
      String category,
      String title,
      String severity,
      List<String> keywords,
      String regex,
      @JsonProperty("secret-group-name") String secretGroupName,
      String path,
      @JsonProperty("allow-rules") List<CustomAllowRule> allowRules) {

    public CustomRule {
      if (id == null || id.isBlank() || regex == null || regex.isBlank()) {
        throw new IllegalArgumentException("every secret rule has an id and a regex");
      }
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
      allowRules = allowRules == null ? List.of() : List.copyOf(allowRules);
      Severity parsed = Severity.ofVendorWord(severity == null ? "HIGH" : severity);
      if (parsed == Severity.UNKNOWN || parsed == Severity.NONE) {
        throw new IllegalArgumentException(
            "secret rule " + id + ": severity must be CRITICAL, HIGH, MEDIUM or LOW");
      }
      Pattern compiled = compile("secret rule " + id + ": regex", regex);
      if (secretGroupName != null && !compiled.pattern().contains("(?<" + secretGroupName + ">")) {
        throw new IllegalArgumentException(
            "secret rule " + id + ": the regex has no group named '" + secretGroupName + "'");
      }
      if (path != null) {
        compile("secret rule " + id + ": path", path);
      }
    }

    /**
     * Whether the expression has a group of that name: an alternative that always matches the empty
     * text makes a match to ask the group of, which answers null if it exists and throws if not.
     */
    private static boolean hasGroup(Pattern pattern, String name) {
      Matcher probe =
          Pattern.compile("(?:" + pattern.pattern() + ")|(?<portcullisprobe>)").matcher("");
      probe.find();
      try {
        probe.group(name);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    SecretRule toRule() {
      return new SecretRule(
          id,
          category == null ? "Custom" : category,
          title == null ? id : title,
          Severity.ofVendorWord(severity == null ? "HIGH" : severity),
          keywords,
          compile(id, regex),
          secretGroupName,
          path == null ? null : compile(id, path),
          null,
          SecretCheck.ANY,
          allowRules.stream().map(CustomAllowRule::toAllowRule).toList(),
          0);
    }
  }

  /** Matches that are not secrets, by path, by the secret's text, or both. */
  public record CustomAllowRule(String id, String description, String path, String regex) {

    public CustomAllowRule {
      if (id == null || id.isBlank() || (path == null && regex == null)) {
        throw new IllegalArgumentException("every secret allow rule has an id and a path or regex");
      }
      if (path != null) {
        compile("allow rule " + id + ": path", path);
      }
      if (regex != null) {
        compile("allow rule " + id + ": regex", regex);
      }
    }

    AllowRule toAllowRule() {
      return new AllowRule(
          id,
          description,
          path == null ? null : compile(id, path),
          regex == null ? null : compile(id, regex));
    }
  }

  /**
   * Compiles a rule's expression; Go's {@code (?P<name>...)} groups, as Trivy's files write them,
   * are accepted.
   */
  private static Pattern compile(String what, String regex) {
    try {
      return Pattern.compile(regex.replace("(?P<", "(?<"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          what
              + " is not a valid regular expression: "
              + e.getDescription().toLowerCase(Locale.ROOT));
    }
  }
}
