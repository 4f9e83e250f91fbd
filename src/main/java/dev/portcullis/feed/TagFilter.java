package dev.portcullis.feed;

import dev.portcullis.glob.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tags of a watched repository to follow: all of them, or those matching any glob. Globs are
 * matched by {@link Glob}, in linear time: a tag comes from the registry, a glob from the user.
 */
public record TagFilter(List<Glob> globs) {

  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");

  public TagFilter {
    globs = List.copyOf(globs);
  }

  /** Every tag. */
  public static TagFilter all() {
    return new TagFilter(List.of());
  }

  /**
   * Tags matching any of the globs, whole: {@code *} is any run of characters, {@code ?} one
   * character ({@code 1.*}, {@code *-slim}).
   */
  public static TagFilter globs(List<String> globs) {
    List<Glob> compiled = new ArrayList<>();
    for (String glob : globs) {
      if (glob == null || !GLOB.matcher(glob).matches()) {
        throw new IllegalArgumentException(
            "tag glob '"
                + glob
                + "': use tag characters (letters, digits, _ . -) with * and ? as wildcards");
      }
      compiled.add(Glob.simple(glob)); // a tag has no '/', so '*' is any run of its characters
    }
    return new TagFilter(compiled);
  }

  public boolean matches(String tag) {
    return globs.isEmpty() || globs.stream().anyMatch(glob -> glob.matches(tag));
  }
}
