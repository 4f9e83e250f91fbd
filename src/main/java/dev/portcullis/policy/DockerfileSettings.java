package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.vulndb.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code dockerfile:} section.
 *
 * @param rules a severity, or {@code off}, per rule id (PC-DF-…) or hadolint alias (DL…); rules not
 *     named keep their own severity
 * @param versionInRepository images whose repository name carries the version ({@code
 *     gcr.io/distroless/nodejs20-debian12}) and that publish no version tags: their {@code latest}
 *     is accepted, and a digest pins them
 */
public record DockerfileSettings(
    Map<String, RuleSetting> rules,
    @JsonProperty("version-in-repository") List<ImagePattern> versionInRepository) {

  private static final List<String> DOCKER_HUB = List.of(ImageReference.DOCKER_HUB);
  private static final Pattern RULE_ID = Pattern.compile("(?i)PC-DF-\\d{3}|DL\\d{4}");

  public DockerfileSettings {
    rules = rules == null ? Map.of() : new LinkedHashMap<>(rules);
    for (String id : rules.keySet()) {
      if (!RULE_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "'" + id + "' is not a rule id: use PC-DF-nnn or a hadolint alias DLnnnn");
      }
    }
    rules = Collections.unmodifiableMap(rules);
    versionInRepository =
        versionInRepository == null ? List.of() : List.copyOf(versionInRepository);
  }

  public static DockerfileSettings defaults() {
    return new DockerfileSettings(Map.of(), List.of());
  }

  /** Whether the image's repository name carries its version, so that latest is accepted. */
  public boolean versionInRepository(ImageReference image) {
    return versionInRepository.stream().anyMatch(p -> p.matches(image, DOCKER_HUB));
  }

  /** A rule's severity, or off. */
  public record RuleSetting(Severity severity) {

    public static final RuleSetting OFF = new RuleSetting(null);

    public boolean off() {
      return severity == null;
    }

    @JsonCreator
    public static RuleSetting parse(String text) {
      String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
      return switch (word) {
        case "OFF" -> OFF;
        case "CRITICAL", "HIGH", "MEDIUM", "LOW" -> new RuleSetting(Severity.valueOf(word));
        default ->
            throw new IllegalArgumentException(
                "'" + text + "' is not a rule setting: use CRITICAL, HIGH, MEDIUM, LOW or off");
      };
    }

    /** YAML 1.1 reads an unquoted {@code off} as false; it means off here too. */
    @JsonCreator
    public static RuleSetting parse(boolean value) {
      if (value) {
        throw new IllegalArgumentException(
            "'true' is not a rule setting: use CRITICAL, HIGH, MEDIUM, LOW or off");
      }
      return OFF;
    }

    @JsonValue
    @Override
    public String toString() {
      return off() ? "off" : severity.name();
    }
  }
}
