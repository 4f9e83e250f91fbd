package dev.portcullis.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Which tags of a watched repository to follow: all of them, or those matching any pattern. */
public record TagFilter(List<Pattern> patterns) {

  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");

  public TagFilter {
    patterns = List.copyOf(patterns);
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
    List<Pattern> patterns = new ArrayList<>();
    for (String glob : globs) {
      if (glob == null || !GLOB.matcher(glob).matches()) {
        throw new IllegalArgumentException(
            "tag glob '"
                + glob
                + "': use tag characters (letters, digits, _ . -) with * and ? as wildcards");
      }
      StringBuilder regex = new StringBuilder();
      for (char c : glob.toCharArray()) {
        regex.append(
            switch (c) {
              case '*' -> ".*";
              case '?' -> ".";
              default -> Pattern.quote(String.valueOf(c));
            });
      }
      patterns.add(Pattern.compile(regex.toString()));
    }
    return new TagFilter(patterns);
  }

  /** Tags that any of the regular expressions matches whole. */
  public static TagFilter regexes(List<String> regexes) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "tag pattern '" + regex + "' is not a regular expression: " + e.getDescription());
      }
    }
    return new TagFilter(patterns);
  }

  public boolean matches(String tag) {
    return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(tag).matches());
  }
}
