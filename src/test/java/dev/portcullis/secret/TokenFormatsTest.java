package dev.portcullis.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of vendors' token formats and of credential files (Maven's settings.xml, .netrc,
 * .pgpass, PuTTY keys): each finds its own kind, ahead of the generic rules.
 */
class TokenFormatsTest {

  private final SecretScanner scanner = new SecretScanner(SecretRuleSet.builtin());

  private List<String> ids(String path, String text) {
    return scanner.scanText(path, text).stream().map(SecretMatch::ruleId).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "vault-token|VAULT_TOKEN=hvs.CAESIJlWh0X5zVg7Q2yR8kT4mN9pL3vB6xC1dF7gH0jK5sA2eU8wY4iO6rTqZbNcMvXnLkJhGfDsApOiUyTrEwQ1a2S3d4F5g6H7j8K9",
        "vault-token|export VAULT_TOKEN=\"hvb.AAAAAQJ7xK2mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4gR8fK2mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4gR8fK2mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4gR8fK2mQ9vX4tL7wN1zC5bH3jD6sA0y\"",
        "huggingface-token|HF_TOKEN=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",
        "huggingface-token|token: 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",
        "age-secret-key|AGE-SECRET-KEY-15FERYXHRDZ9M6Y09MR8WRERWZGJ6F8NTXVHXYRDLM5AAHN0T09NL4UJY86",
        "google-api-key|const key = \"AIzaSyD3kL9mQ2vX4tL7wN1zC5bH3jD6sA0yP2e\";",
        "openai-api-key|OPENAI_API_KEY=sk-proj-Xq7Lm2Zp9Rt4Nw8Kb3Vs6Df1Gh5Jc0Ya2Eu4Ti7Ow9Pq1As3Dx5Fz8Hk0Lm2Nb4Vc6Xz8QwT3BlbkFJYt5Ur7Ie9Op1Aq3Sw5De7Fr9Gt1Hy3Ju5Ki7Lo9Pz1Xc3Vb5Nm7Mq9Wa2Sz4Ed6Rf8Tg0Yh2Uj4Ik6Ol8",
        "openai-api-key|key = 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",
        "shopify-token|X-Shopify-Access-Token: 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",
        "shopify-token|SHOPIFY_SECRET=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",
        "heroku-api-key|HEROKU_API_KEY=3f9a2c7e-1b8d-4f6a-9c5e-9b2d7f4a1c8e",
        "heroku-api-key-v2|auth = HRKU-AAq7Lm2Zp9Rt4Nw8Kb3Vs6Df1Gh5Jc0Ya2Eu4Ti7Ow9Pq1As3Dx5Fz8Hk0Lm",
        "datadog-api-key|DD_API_KEY=4f9a2c7e1b8d3f6a0c5e9b2d7f4a1c8e",
        "datadog-api-key|datadog_app_key: 4f9a2c7e1b8d3f6a0c5e9b2d7f4a1c8e0b3d5f7a",
      })
  void findsEachVendorsFormat(String rule, String line) {
    assertThat(ids("app/config.txt", line)).containsExactly(rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a Heroku app's id|HEROKU_APP_ID=3f9a2c7e-1b8d-4f6a-9c5e-9b2d7f4a1c8e",
        "a Datadog site|DD_SITE=datadoghq.eu",
        "a Hugging Face name in code|hf_hub_download_with_cached_files_x",
        "an age public key|# public key: age1qyz8rj4k3dl0xs7a9vneg5mhpwcf2t6u8qyz8rj4k3dl0xs7a9vneg5m",
        "a vault token's prefix alone|the token starts with hvs. and ninety characters",
      })
  void leavesLookalikesAlone(String why, String line) {
    assertThat(ids("app/config.txt", line)).as(why).isEmpty();
  }

  @Test
  void mavenSettingsPasswordsAreFoundInTheirElementsButNotTheirDocumentation() {
    String settings =
        """
        <settings>
          <servers>
            <server>
              <id>corp-releases</id>
              <username>deploy</username>
              <password>Xk9mQ2vLp8rT4zWq</password>
              <privateKey>${user.home}/.ssh/id_rsa</privateKey>
              <passphrase>{COQLCE6DU6GtcS5P=}</passphrase>
            </server>
          </servers>
        </settings>
        """;
    assertThat(ids("root/.m2/settings.xml", settings)).containsExactly("xml-password");
    // The lines of the settings.xml Debian's maven package installs at /etc/maven/settings.xml.
    String debian =
        """
            <server>
              <id>deploymentRepo</id>
              <username>repouser</username>
              <password>repopwd</password>
            </server>
            <server>
              <id>siteServer</id>
              <privateKey>/path/to/private/key</privateKey>
              <passphrase>optional; leave empty if not used.</passphrase>
            </server>
        """;
    assertThat(ids("etc/maven/settings.xml", debian)).isEmpty();
  }

  @Test
  void netrcPasswordsOnOneLineOrTheirOwn() {
    assertThat(ids("root/.netrc", "machine git.corp.internal login deploy password Xk9#mQ2vLp8"))
        .containsExactly("netrc-password");
    assertThat(ids("home/app/_netrc", "machine api.corp\n  login ci\n  password Zq8xK2mP9vL4\n"))
        .containsExactly("netrc-password");
    assertThat(ids("app/notes.txt", "machine git.corp.internal login deploy password Xk9#mQ2vLp8"))
        .as("outside a .netrc, a password needs = or :")
        .isEmpty();
  }

  @Test
  void pgpassLinesButNotTheirComments() {
    String pgpass =
        "# hostname:port:database:username:password\n"
            + "db.internal:5432:billing:billing:Zq8xK2mP9vL4tR7w\n"
            + "*:*:*:replicator:r3pl\\:ica7ion\n";
    assertThat(scanner.scanText("home/app/.pgpass", pgpass))
        .extracting(SecretMatch::ruleId, SecretMatch::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pgpass-password", 2),
            org.assertj.core.groups.Tuple.tuple("pgpass-password", 3));
    assertThat(ids("app/hosts.txt", "db.internal:5432:billing:billing:Zq8xK2mP9vL4tR7w"))
        .as("the same line in another file")
        .isEmpty();
  }

  /**
   * A field was an alternation under a star, which java.util.regex matches by recursing once a
   * character: a hostile .pgpass line of a few thousand characters overflowed the stack.
   */
  @Test
  void aPgpassLineOfAWholeWindowIsReadWithoutOverflowingTheStack() throws InterruptedException {
    String password = "a\\:".repeat(21_000);
    String pgpass =
        "host:5432:db:user:" + password + "\n" + "h:1:d:u:" + "\\".repeat(64_000) + "\n";
    List<Object> outcome = new java.util.ArrayList<>();
    // A thread of the JVM's default stack (512 KiB to 1 MiB), as the scan's workers have.
    Thread scan =
        new Thread(
            () -> {
              try {
                outcome.add(scanner.scanText("home/app/.pgpass", pgpass).size());
              } catch (Throwable e) {
                outcome.add(e);
              }
            });
    scan.start();
    scan.join();
    // The second password, one character repeated, is a placeholder to the checks.
    assertThat(outcome).containsExactly(1);
  }

  @Test
  void puttyKeysAreFoundAtTheirPrivateLines() {
    String key =
        """
        PuTTY-User-Key-File-3: ssh-ed25519
        Encryption: none
        Comment: deploy@build
        Public-Lines: 2
        AAAAC3NzaC1lZDI1NTE5AAAAIHqZk3mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4gR8f
        K2mQ
        Private-Lines: 1
        AAAAIDf8kL2mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4gR8fK2mQ9vX
        Private-MAC: 4f9a2c7e1b8d3f6a0c5e9b2d7f4a1c8e0b3d5f7a4f9a2c7e1b8d3f6a0c5e9b2d
        """;
    assertThat(scanner.scanText("home/app/deploy.ppk", key))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.ruleId()).isEqualTo("putty-private-key");
              assertThat(m.line()).isEqualTo(7);
            });
    assertThat(ids("docs/putty.txt", "Private-Lines: 14\nthe private part follows\n"))
        .as("without the PuTTY header")
        .isEmpty();
  }
}
