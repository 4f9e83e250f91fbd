package dev.portcullis.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenChecksumTest {

  private final SecretScanner scanner = new SecretScanner(SecretRuleSet.builtin());

  @Test
  void theChecksumIsTheCrc32OfTheRandomPartInSixBase62Digits() {
    // CRC32("a") = 3904355907, in base 62 with digits 0-9A-Za-z: 4GEHKN (Python's zlib agrees).
    assertThat(TokenChecksum.of("a")).isEqualTo("4GEHKN");
    // A small CRC keeps its leading zeros: CRC32 of the empty string is 0.
    assertThat(TokenChecksum.of("")).isEqualTo("000000");
  }

  @Test
  void aTokenWithItsChecksumIsReportedAndOneWithAnotherIsNot() {
    String random = "Vq3LmZ8xR2tN6wK9pB4sD7fH1jG5cY";
    String valid = random + TokenChecksum.of(random);
    assertThat(TokenChecksum.verifies(valid)).isTrue();
    for (String prefix : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_")) {
      String rule = prefix.equals("npm_") ? "npm-token" : "github-token";
      assertThat(ids("TOKEN=" + prefix + valid)).as(prefix).containsExactly(rule);
      String broken = valid.substring(0, 35) + (valid.endsWith("A") ? "B" : "A");
      assertThat(ids("TOKEN=" + prefix + broken)).as(prefix).isEmpty();
    }
  }

  @Test
  void aTokenThatFailsItsChecksumIsNoGenericSecretEither() {
    assertThat(ids("access_token = ghp_R8fK2mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4g")).isEmpty();
  }

  @Test
  void longerTokensCarryNoChecksumOfThisKindAndAreStillReported() {
    assertThat(ids("GH_TOKEN=ghs_" + "Vq3LmZ8xR2tN6wK9pB4sD7fH1jG5cY".repeat(3)))
        .containsExactly("github-token");
  }

  private List<String> ids(String line) {
    return scanner.scanText("app/.env", line).stream().map(SecretMatch::ruleId).toList();
  }
}
