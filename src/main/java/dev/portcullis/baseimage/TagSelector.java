package dev.portcullis.baseimage;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks, among a repository's tags, the newest ones a base image can move to: same prefix, same
 * variant suffix, same number of components, strictly newer, and released unless prereleases are
 * asked for.
 */
public final class TagSelector {

  private static final String PIN_FIRST = "not a version tag: pin a version first";

  private final boolean includePrereleases;

  /**
   * With {@code includePrereleases} false, a prerelease is still proposed to a tag that is itself a
   * prerelease of the same numbers ({@code 3.13.0rc1} to {@code 3.13.0rc2}), as its user already
   * chose to follow that release.
   */
  public TagSelector(boolean includePrereleases) {
    this.includePrereleases = includePrereleases;
  }

  /**
   * Proposes the newest tag of {@code currentTag}'s major and the newest of a higher major among
   * {@code availableTags}; tags that are not versions or not valid Docker tags are skipped.
   */
  public UpdateCandidates select(String currentTag, Collection<String> availableTags) {
    Objects.requireNonNull(availableTags, "availableTags");
    if (currentTag == null || currentTag.isEmpty()) {
      return UpdateCandidates.none(currentTag, "no tag, which means latest: " + PIN_FIRST);
    }
    if (!TagGrammar.isDockerTag(currentTag)) {
      return UpdateCandidates.none(
          currentTag,
          "not a valid Docker tag (1 to 128 of A-Z a-z 0-9 _ . -, not starting with . or -):"
              + " fix the tag in the FROM line");
    }
    Optional<TagVersion> current = TagVersion.parse(currentTag);
    if (current.isEmpty()) {
      return UpdateCandidates.none(currentTag, "'" + currentTag + "' is " + PIN_FIRST);
    }
    return select(current.get(), availableTags);
  }

  private UpdateCandidates select(TagVersion current, Collection<String> availableTags) {
    TagVersion update = null;
    TagVersion majorUpdate = null;
    boolean listed = false;
    boolean newerPrereleaseLeftOut = false;
    for (String tag : availableTags) {
      if (current.tag().equals(tag)) {
        listed = true;
        continue;
      }
      // A tag of the same line starts with the same prefix and ends with the same suffix: testing
      // that first spares reading most tags of a large repository.
      if (tag == null || !tag.startsWith(current.prefix()) || !tag.endsWith(current.suffix())) {
        continue;
      }
      TagVersion candidate = TagVersion.parse(tag).orElse(null);
      if (candidate == null
          || !candidate.sameLine(current)
          || candidate.compareVersion(current) <= 0) {
        continue;
      }
      if (!isEligible(candidate, current)) {
        newerPrereleaseLeftOut = true;
      } else if (current.sameMajor(candidate)) {
        update = newer(update, candidate);
      } else {
        majorUpdate = newer(majorUpdate, candidate);
      }
    }
    if (update != null || majorUpdate != null) {
      return new UpdateCandidates(current.tag(), tagOf(update), tagOf(majorUpdate), null);
    }
    return UpdateCandidates.none(
        current.tag(), whyNone(current, listed, availableTags.size(), newerPrereleaseLeftOut));
  }

  private boolean isEligible(TagVersion candidate, TagVersion current) {
    if (!candidate.isPrerelease() || includePrereleases) {
      return true;
    }
    return current.isPrerelease() && candidate.numbers().equals(current.numbers());
  }

  private static TagVersion newer(TagVersion best, TagVersion candidate) {
    return best == null || candidate.compareTo(best) > 0 ? candidate : best;
  }

  private static String tagOf(TagVersion version) {
    return version == null ? null : version.tag();
  }

  private static String whyNone(
      TagVersion current, boolean listed, int listedCount, boolean newerPrereleaseLeftOut) {
    String why =
        listed
            ? current.tag() + " is already the newest tag of the form " + current.line()
            : current.tag()
                + " is not among the "
                + listedCount
                + " listed tags, and none of the form "
                + current.line()
                + " is newer";
    return newerPrereleaseLeftOut ? why + " (newer prereleases were left out)" : why;
  }
}
