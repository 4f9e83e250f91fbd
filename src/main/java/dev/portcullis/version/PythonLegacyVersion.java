package dev.portcullis.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordering packaging's LegacyVersion (and setuptools before it) gave versions that are not PEP
 * 440: runs of digits and letters become zero-padded numbers and starred words, {@code pre}, {@code
 * preview} and {@code rc} read as {@code c}, {@code dev} as {@code @}, and the key ends in {@code
 * *final} so that pre-release words sort before it. PyPI still serves such versions and OSV ranges
 * name them, so they get this order rather than none.
 */
final class PythonLegacyVersion {

  private static final Pattern COMPONENT = Pattern.compile("\\d+|[a-z]+|\\.|-");
  private static final String ZERO = "00000000";
  private static final String FINAL = "*final";

  private PythonLegacyVersion() {}

  static int compare(String a, String b) {
    List<String> x = key(a);
    List<String> y = key(b);
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = x.get(i).compareTo(y.get(i));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  private static List<String> key(String version) {
    List<String> parts = new ArrayList<>();
    for (String part : split(version.toLowerCase(Locale.ROOT))) {
      if (part.startsWith("*")) {
        // "-" before a pre-release word is not a separate step, and a numeric series ends in no
        // zeros: 1.0-rc1 is 1c1 and 1.0.0 is 1.
        if (part.compareTo(FINAL) < 0) {
          while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("*final-")) {
            parts.remove(parts.size() - 1);
          }
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).equals(ZERO)) {
          parts.remove(parts.size() - 1);
        }
      }
      parts.add(part);
    }
    return parts;
  }

  /** The components and the text between them, as Python's re.split with a capturing group. */
  private static List<String> split(String version) {
    List<String> raw = new ArrayList<>();
    Matcher m = COMPONENT.matcher(version);
    int end = 0;
    while (m.find()) {
      raw.add(version.substring(end, m.start()));
      raw.add(m.group());
      end = m.end();
    }
    raw.add(version.substring(end));
    List<String> parts = new ArrayList<>();
    for (String part : raw) {
      String mapped =
          switch (part) {
            case "pre", "preview", "rc" -> "c";
            case "-" -> "final-";
            case "dev" -> "@";
            default -> part;
          };
      if (mapped.isEmpty() || mapped.equals(".")) {
        continue;
      }
      if (VersionText.isDigit(mapped.charAt(0))) {
        parts.add(mapped.length() >= ZERO.length() ? mapped : zeroPad(mapped));
      } else {
        parts.add("*" + mapped);
      }
    }
    parts.add(FINAL);
    return parts;
  }

  private static String zeroPad(String digits) {
    return ZERO.substring(digits.length()) + digits;
  }
}
