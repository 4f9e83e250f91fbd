package dev.portcullis.secret;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/** What a match of a rule's expression must also satisfy to be reported as a secret. */
@FunctionalInterface
public interface SecretCheck {

  SecretCheck ANY = candidate -> true;

  boolean accepts(Candidate candidate);

  /**
   * A match under consideration.
   *
   * @param match the rule's expression, matched in {@code line}
   * @param secret the part of the match that is the secret
   * @param followingLines the next few lines of the file, read only if a check asks
   */
  record Candidate(
      Matcher match, String secret, String line, Supplier<List<String>> followingLines) {}
}
