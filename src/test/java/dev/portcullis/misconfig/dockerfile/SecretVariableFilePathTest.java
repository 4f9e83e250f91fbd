package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PC-DF-101 judges what an ENV or ARG holds: a path to a credentials file is not the secret. */
class SecretVariableFilePathTest {

  private static final String FROM = "FROM alpine:3.20@sha256:" + "a".repeat(64) + "\n";
  private static final String TAIL = "USER 10001\nHEALTHCHECK NONE\n";

  @Test
  void aSecretNamedVariableHoldingAFilePathIsNoSecret() {
    assertThat(
            Lint.of(
                "PC-DF-101",
                FROM
                    + "ENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/x.json\n"
                    + "ENV DB_PASSWORD=/run/secrets/db_password API_TOKEN=~/.config/app/token\n"
                    + "ARG SSL_PRIVATE_KEY=./certs/server.key\n"
                    + TAIL))
        .isEmpty();
  }

  @Test
  void aLiteralBesideItIsStillCritical() {
    assertThat(
            Lint.of(
                "PC-DF-101",
                FROM
                    + "ENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/x.json"
                    + " DB_PASSWORD=Xk9mQ2vLp8rT4z\n"
                    + TAIL))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("DB_PASSWORD").doesNotContain("Xk9m"));
  }
}
