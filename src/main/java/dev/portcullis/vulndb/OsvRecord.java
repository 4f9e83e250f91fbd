package dev.portcullis.vulndb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;

/**
 * One vulnerability in the OSV schema (https://ossf.github.io/osv-schema/): the fields Portcullis
 * stores and matches on. Unknown fields are ignored so that newer schema versions still import.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OsvRecord(
    String id,
    String modified,
    String published,
    String withdrawn,
    List<String> aliases,
    List<String> upstream,
    String summary,
    String details,
    List<SeverityScore> severity,
    List<Affected> affected,
    @JsonProperty("database_specific") JsonNode databaseSpecific) {

  public OsvRecord {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    upstream = upstream == null ? List.of() : List.copyOf(upstream);
    severity = severity == null ? List.of() : List.copyOf(severity);
    affected = affected == null ? List.of() : List.copyOf(affected);
  }

  /**
   * Every other id this vulnerability is known by, so that it is reported once with the rest
   * listed: its aliases, and the record it was derived from where it names one ({@code upstream}: a
   * DEBIAN-CVE, UBUNTU-CVE or RHSA record names its CVE there, not among its aliases). An advisory
   * whose {@code upstream} names several CVEs (a DSA fixing three) is not any one of them: those
   * ids are left out, or its CVEs would be merged into one finding.
   */
  public List<String> otherIds() {
    Stream<String> derivedFrom = upstream.size() == 1 ? upstream.stream() : Stream.empty();
    return Stream.concat(aliases.stream(), derivedFrom)
        .filter(other -> !other.equals(id))
        .distinct()
        .toList();
  }

  /**
   * The vulnerabilities an advisory fixes, where its {@code upstream} names several (a DSA fixing
   * three CVEs); empty for a record about one vulnerability. A finding of such an advisory is
   * folded into the findings of the vulnerabilities it names, where each has one.
   */
  public List<String> fixes() {
    return upstream.size() > 1
        ? upstream.stream().filter(other -> !other.equals(id)).distinct().toList()
        : List.of();
  }

  /** A severity entry: {@code type} CVSS_V2, CVSS_V3, CVSS_V4 or Ubuntu; {@code score} a vector. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SeverityScore(String type, String score) {}

  /** The package a record affects, and which of its versions. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Affected(
      OsvPackage packageInfo,
      List<Range> ranges,
      List<String> versions,
      List<SeverityScore> severity,
      @JsonProperty("ecosystem_specific") JsonNode ecosystemSpecific,
      @JsonProperty("database_specific") JsonNode databaseSpecific) {

    public Affected {
      ranges = ranges == null ? List.of() : List.copyOf(ranges);
      versions = versions == null ? List.of() : List.copyOf(versions);
      severity = severity == null ? List.of() : List.copyOf(severity);
    }

    // "package" is a Java keyword; the JSON name is bound here.
    @JsonProperty("package")
    public OsvPackage packageInfo() {
      return packageInfo;
    }
  }

  /** An ecosystem and a package name in it; the ecosystem may carry a release, "Debian:12". */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OsvPackage(String ecosystem, String name, String purl) {}

  /** A version range as a list of events, in the range's own version scheme. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Range(String type, String repo, List<Event> events) {
    public Range {
      events = events == null ? List.of() : List.copyOf(events);
    }
  }

  /** One range event: exactly one of its fields is set. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Event(
      String introduced,
      String fixed,
      @JsonProperty("last_affected") String lastAffected,
      String limit) {}
}
