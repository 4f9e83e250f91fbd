package dev.portcullis.secret;

import java.util.Arrays;
import java.util.regex.Pattern;

/** Tells a path to a file, where a secret is kept, from the secret itself. */
public final class FilePaths {

  private static final Pattern FILE_PATH =
      Pattern.compile(
          "^(?:[a-z][a-z0-9+]{1,9}:/{0,2})?(?:~|\\.{1,2})?/(?:[\\w.@+-]+/)*[\\w.@+-]+/?$");

  private static final Pattern PART_OF_A_WORD = Pattern.compile("[a-z]{3}");

  private FilePaths() {}

  /**
   * Whether a value is a path to a file, absolute or from the home or current directory, in which
   * at least half the parts hold part of a word ({@code /run/secrets/db}, {@code
   * /credentials/x.json}, {@code ~/.config/gh/hosts.yml}), also after a scheme or a lookup table's
   * type ({@code file:///run/x}, {@code hash:/etc/postfix/sasl_passwd}). Random characters seldom
   * start with a slash and read so.
   */
  public static boolean isFilePath(String value) {
    if (value.length() > 4096 || !FILE_PATH.matcher(value).matches()) {
      return false;
    }
    String[] parts = value.replaceFirst("^(?:[a-z][a-z0-9+]*:)?/*[~.]*/", "").split("/");
    long worded = Arrays.stream(parts).filter(p -> PART_OF_A_WORD.matcher(p).find()).count();
    return worded * 2 >= parts.length;
  }
}
