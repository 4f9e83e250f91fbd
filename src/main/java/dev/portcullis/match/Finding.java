package dev.portcullis.match;

import dev.portcullis.inventory.Package;
import dev.portcullis.vulndb.SeverityRating;
import java.util.List;

/**
 * A known vulnerability in an installed package.
 *
 * @param ecosystem the advisory ecosystem it was matched in, with release: "Debian:12"
 * @param fixedVersions versions that fix it, oldest first; empty where there is no fix
 * @param note why the finding is uncertain ("version not comparable: …") or why no fix is coming
 *     (for {@link FixStatus#WILL_NOT_FIX}: the distribution's rating and what it means), or null
 * @param advisories advisories that fix this vulnerability among others (a DSA naming several
 *     CVEs); their fixed versions are among {@code fixedVersions}
 */
public record Finding(
    String vulnerabilityId,
    List<String> aliases,
    Package pkg,
    String ecosystem,
    List<String> fixedVersions,
    FixStatus status,
    SeverityRating severity,
    String title,
    String note,
    List<FixingAdvisory> advisories) {

  public Finding {
    aliases = List.copyOf(aliases);
    fixedVersions = List.copyOf(fixedVersions);
    advisories = List.copyOf(advisories);
  }
}
