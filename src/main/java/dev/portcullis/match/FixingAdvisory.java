package dev.portcullis.match;

import java.util.List;

/**
 * A distribution advisory that fixes a finding's vulnerability together with others (a Debian DSA
 * naming several CVEs), shown beside the finding rather than as a finding of its own.
 *
 * @param id the advisory's id: "DSA-5417-1"
 * @param fixedVersions the versions it names as fixing the installed one, oldest first
 */
public record FixingAdvisory(String id, List<String> fixedVersions) {

  public FixingAdvisory {
    fixedVersions = List.copyOf(fixedVersions);
  }
}
