package dev.portcullis.baseimage.change;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** Explains in one line why a forge did not open the request, from its status and headers. */
final class ForgeRefusal {

  private ForgeRefusal() {}

  static String explain(ForgeRequest request, int status, HttpHeaders headers, String detail) {
    String because = " (" + status + (detail.isEmpty() ? "" : ": " + detail) + ")";
    String branch = request.change().sourceBranch();
    String what = request.action() + ": ";
    if (status == 429 || (status == 403 && isRateLimit(headers))) {
      return what + "rate limit reached" + because + "; " + whenToRetry(headers);
    }
    return what
        + switch (status) {
          case 401 -> "the token was rejected" + because + "; check that it is valid and unexpired";
          case 403 -> "the token lacks permission" + because + "; it needs " + request.scopeHint();
          case 404 ->
              "repository not found, or the token cannot see it"
                  + because
                  + "; check the repository, the API URL and the token's access";
          case 409, 422 ->
              detail.toLowerCase(Locale.ROOT).contains("already exists")
                  ? "one is already open for branch " + branch + because
                  : "the request was refused"
                      + because
                      + "; check that branch "
                      + branch
                      + " has been pushed and differs from "
                      + request.change().targetBranch();
          case 301, 302, 303, 307, 308 ->
              "the API answered a redirect to "
                  + headers.firstValue("Location").orElse("nowhere")
                  + because
                  + "; use the new address of the API or the repository";
          default ->
              status >= 500
                  ? "the forge failed" + because + "; try again later"
                  : "unexpected answer" + because;
        };
  }

  /** GitHub answers 403, not 429, when a token's rate limit is used up. */
  private static boolean isRateLimit(HttpHeaders headers) {
    return headers.firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()
        || headers.firstValue("retry-after").isPresent();
  }

  private static String whenToRetry(HttpHeaders headers) {
    Optional<Instant> reset =
        headers
            .firstValue("x-ratelimit-reset")
            .or(() -> headers.firstValue("ratelimit-reset"))
            .flatMap(ForgeRefusal::epochSeconds);
    if (reset.isPresent()) {
      return "it resets at " + reset.get().truncatedTo(ChronoUnit.SECONDS);
    }
    Optional<String> retryAfter = headers.firstValue("retry-after").map(String::strip);
    if (retryAfter.isPresent()) {
      String value = retryAfter.get();
      if (value.matches("\\d{1,9}")) {
        return "retry after " + value + " seconds";
      }
      try {
        return "retry after "
            + ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        // An unreadable Retry-After says no more than no Retry-After at all.
      }
    }
    return "try again later";
  }

  private static Optional<Instant> epochSeconds(String value) {
    String trimmed = value.strip();
    return trimmed.matches("\\d{1,12}")
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(trimmed)))
        : Optional.empty();
  }
}
