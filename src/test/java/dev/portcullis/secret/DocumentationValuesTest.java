package dev.portcullis.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What documentation puts where a secret would go is no secret: the options a setting takes,
 * placeholders, commented-out defaults, HTML around a value, file paths, digests, and the sample
 * tokens vendors publish. The excerpts under {@code debian-bookworm/} are the real lines of Debian
 * 12 files that were once reported (docs/secret-rules.md lists them).
 */
class DocumentationValuesTest {

  private final SecretScanner scanner = new SecretScanner(SecretRuleSet.builtin());

  @Test
  void theDebianLinesOnceReportedHoldNoSecret() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("debian-bookworm").toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String path = root.relativize(file).toString().replace('\\', '/');
      try (InputStream in = Files.newInputStream(file)) {
        assertThat(scanner.scan(path, Files.size(file), in)).as(path).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "options separated by a bar => # com.example.password.toHashes = true|false",
        "options separated by a slash => api_secret: yes/no",
        "options in brackets => password = [on|off|auto]",
        "a placeholder in angle brackets => password = <your-password>",
        "a placeholder cut at its space => # passphrase: <your passphrase here>",
        "a default followed by its choices => #password_encryption = scram-sha-256\t# scram-sha-256 or md5",
        "another key about the password => password_hash_algorithm = pbkdf2-sha512-v2",
        "a value closed by HTML => <span class=\"pre\">password=None</span></span></em>",
        "a lookup table => smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd",
        "a file path => DB_PASSWORD=/run/secrets/db_password",
        "a file path from home => client_secret: ~/.config/app/client-secret.json",
        "a file URL => client_secret = file:///run/secrets/oauth.json",
        "a digest named by its key => api_secret_sha256 = 9f86d081884c7d659a2feaa0c55ad015a3bf4f2b0b822cd15d08c4b1b2a0b08",
        "a digest in camelCase => clientSecretDigest: 9f86d081884c7d659a2feaa0c55ad015a3bf4f2b0b822cd15d08c4b1b2a0b08",
        "a digest that names its algorithm => client_secret: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f2b0b822cd15d08c4b1b2a0b08",
        "jwt.io's sample token => Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "jwt.io's sample token as a value => access_token = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "jwt.io's claims signed with another key => token = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8Vb7Nm6Qa5w",
        "Stripe's documented test key => stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'",
        "Stripe's older documented test key => curl https://api.stripe.com/v1/charges -u sk_test_BQokikJOvBiI2HlWgH4olfQ2:",
        "Apache's documented FakeBasicAuth hash => #    file needs this password: `xxj31ZMTZzkVA'.",
        "a Perl variable indexed => Print(3, \"=>password : read=$record[2] -> $passwd\");",
        "a PHP object dereferenced => $db_password = $config->password;",
        "a file path's last part => # /etc/passwd: mysql:x:100:101:MySQL Server:/nonexistent:/bin/false",
        "a qualified name in code => #   htpasswd = WEBrick::HTTPAuth::Htpasswd.new 'my_password_file'",
      })
  void documentationIsNoSecret(String why, String line) {
    assertThat(scanner.scanText("app/config.txt", line)).as(why).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "generic-password => a password with a bar => password = Xk9#mQ2v|Lp8!rT4z",
        "generic-password => a password with slashes => password = x7Kq/2mZp9/Lw4v",
        "generic-password => a commented-out password => # password = Xk9#mQ2vLp8!rT4z",
        "generic-password => a password before a comment => password = Xk9#mQ2vLp8!rT4z  # rotate monthly",
        "generic-password => a password with a dollar sign => password = Xk9$mQ2vLp8!rT4z",
        "generic-secret => a hex secret under its own name => secret_key = 9f86d081884c7d659a2feaa0c55ad015a3bf4f2b0b822cd15d08c4b1b2a0b08",
        "jwt => a token of other claims => Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsImlhdCI6MTcxNDY0NjQwMH0.Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8Vb7Nm6Qa5w",
        "stripe-secret-key => a test key of one's own => stripe.api_key = 'sk_test_51HqT9xKz2mP8vN4rL7wQ3yB6'",
      })
  void realSecretsBesideThemAreStillFound(String rule, String why, String line) {
    assertThat(scanner.scanText("app/config.txt", line))
        .as(why)
        .extracting(SecretMatch::ruleId)
        .containsExactly(rule);
  }

  @Test
  void environmentValuesThatAreFilePathsAreNoSecrets() {
    for (String env :
        List.of(
            "GOOGLE_APPLICATION_CREDENTIALS=/credentials/x.json",
            "DB_PASSWORD=/run/secrets/db_password",
            "API_SECRET=./secrets/api.key",
            "AWS_SECRET_ACCESS_KEY=/var/run/secrets/aws/secret-access-key")) {
      assertThat(scanner.scanText("config:Env", env)).as(env).isEmpty();
    }
  }
}
