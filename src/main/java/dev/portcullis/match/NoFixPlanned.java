package dev.portcullis.match;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.Json;
import dev.portcullis.vulndb.OsvRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a distribution's own data says that an open vulnerability will not be fixed in a release,
 * and why, in the words a finding's note shows. Only the distribution's word counts: a severity
 * computed from CVSS says nothing about whether a fix is coming.
 *
 * <p>Debian's records (osv.dev's conversion of the Security Tracker) carry the tracker's urgency
 * per affected entry, {@code "ecosystem_specific": {"urgency": "unimportant"}}: the security team
 * does not fix unimportant issues in stable releases, and {@code end-of-life} means the package is
 * no longer supported in that release. A trailing {@code *} ({@code medium*}) is a marker the
 * tracker adds to an urgency, not another urgency, so it is left out. Ubuntu's records carry the
 * priority either per entry ({@code "ecosystem_specific": {"ubuntu_priority": "negligible"}}) or
 * for the whole record ({@code "severity": [{"type": "Ubuntu", "score": "negligible"}]});
 * negligible issues are not expected to get security updates.
 */
final class NoFixPlanned {

  private NoFixPlanned() {}

  /**
   * What an affected entry says, for an entry that names no fix for the installed version.
   *
   * @param ecosystem the ecosystem without release: "Debian", "Ubuntu"
   * @param ecosystemSpecific the entry's {@code ecosystem_specific} JSON, or null
   */
  static Optional<String> inEntry(String ecosystem, String ecosystemSpecific) {
    String rating = entryRating(ecosystem, ecosystemSpecific);
    return switch (ecosystem) {
      case "Debian" -> debianUrgency(rating);
      case "Ubuntu" -> ubuntuPriority(rating);
      default -> Optional.empty();
    };
  }

  /**
   * Whether an affected entry carries the distribution's own rating (Debian's urgency, Ubuntu's
   * priority), whatever it is: where it does, the record's rating for all its packages is not
   * asked, since Ubuntu rates packages apart.
   */
  static boolean entryRated(String ecosystem, String ecosystemSpecific) {
    return !entryRating(ecosystem, ecosystemSpecific).isEmpty();
  }

  /** The entry's urgency (Debian) or priority (Ubuntu), normalised; empty where it has none. */
  private static String entryRating(String ecosystem, String ecosystemSpecific) {
    String field =
        switch (ecosystem) {
          case "Debian" -> "urgency";
          case "Ubuntu" -> "ubuntu_priority";
          default -> null;
        };
    if (field == null || ecosystemSpecific == null) {
      return "";
    }
    try {
      return word(Json.mapper().readTree(ecosystemSpecific), field);
    } catch (JacksonException e) {
      // Stored from a parsed record, so always JSON; unreadable would be no statement at all.
      return "";
    }
  }

  /**
   * What a whole record says, through the severities it publishes: Ubuntu's priority.
   *
   * @param ecosystem the ecosystem without release the record was matched in
   */
  static Optional<String> inRecord(String ecosystem, List<OsvRecord.SeverityScore> severities) {
    if (!ecosystem.equals("Ubuntu")) {
      return Optional.empty();
    }
    return severities.stream()
        .filter(s -> "Ubuntu".equalsIgnoreCase(s.type()) && s.score() != null)
        .map(s -> ubuntuPriority(normalise(s.score())))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> debianUrgency(String urgency) {
    return switch (urgency) {
      case "unimportant" ->
          Optional.of("Debian rates it \"unimportant\": no fix is planned for this release");
      case "end-of-life" ->
          Optional.of(
              "Debian no longer supports this package in this release (end-of-life): no fix is"
                  + " planned");
      default -> Optional.empty();
    };
  }

  private static Optional<String> ubuntuPriority(String priority) {
    return priority.equals("negligible")
        ? Optional.of("Ubuntu rates it \"negligible\": it is not expected to get a security update")
        : Optional.empty();
  }

  private static String word(JsonNode fields, String name) {
    JsonNode value = fields.get(name);
    return value != null && value.isTextual() ? normalise(value.asText()) : "";
  }

  /**
   * "Unimportant*" is "unimportant": the tracker's trailing stars mark an urgency, not change it.
   */
  private static String normalise(String word) {
    String w = word.strip().toLowerCase(Locale.ROOT);
    while (w.endsWith("*")) {
      w = w.substring(0, w.length() - 1);
    }
    return w.strip();
  }
}
