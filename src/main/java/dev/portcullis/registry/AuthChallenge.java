package dev.portcullis.registry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Bearer realm="…",service="…",scope="…"} or
 * {@code Basic realm="…"}.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

  private static final Pattern PARAMETER =
      Pattern.compile("([A-Za-z]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

  static AuthChallenge parse(String header) {
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new HashMap<>();
    if (space > 0) {
      Matcher m = PARAMETER.matcher(trimmed.substring(space + 1));
      while (m.find()) {
        parameters.put(
            m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
      }
    }
    return new AuthChallenge(scheme, Map.copyOf(parameters));
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }
}
