package dev.portcullis.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.InputException;
import dev.portcullis.vulndb.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretScannerTest {

  private final SecretScanner scanner = new SecretScanner(SecretRuleSet.builtin());

  private List<SecretMatch> scan(String text) {
    return scanner.scanText("app/config.txt", text);
  }

  private List<String> ruleIds(String text) {
    return scan(text).stream().map(SecretMatch::ruleId).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws-access-key-id|aws_access_key_id = AKIAZ7QF3LNV2KD5WXYQ",
        "aws-secret-access-key|aws_secret_access_key = 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",
        "gcp-service-account|  \"type\": \"service_account\",",
        "azure-storage-account-key|DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdWF4eXp6eXh3dnV0c3JxcG9ubWxramloZ2ZlZGNiYTk4NzY1NDMyMTA5OD==;EndpointSuffix=core.windows.net",
        "github-token|token: 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",
        "github-fine-grained-pat|GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "gitlab-token|GITLAB=glpat-Xy7pQ2rT9vK4mN8wL1zB",
        "slack-token|SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "slack-token|bot_token: xoxb-564108698904-4530735666676-nT39tauNsyFDycPW4cQz8azK",
        "slack-webhook|url: https://hooks.slack.com/services/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",
        "stripe-secret-key|stripe: sk_live_51HqT9xKz2mP8vN4rL7wQ3yB6",
        "twilio-api-key|TWILIO_KEY=SK9f3a2b7c4d1e8f6a5b0c9d2e7f4a1b3c",
        "sendgrid-api-key|SENDGRID=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",
        "npm-token|//registry.npmjs.org/:_authToken=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",
        "pypi-token|password = pypi-AgEIcHlwaS5vcmcCJGI4YmQ2ZjNlLTk1YzAtNDA5Yi1hMzc0LTM2NGJlZTIyNjg2MAACKlszLCJi",
        "docker-config-auth|{\"auths\":{\"registry.corp:5000\":{\"auth\":\"ZGVwbG95OlMzY3JldFB3ZDk=\"}}}",
        "kubeconfig-client-key|    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUZ3",
        "jwt|Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "database-url-password|DATABASE_URL=postgres://appuser:S3cr3tPassw0rd9@db.internal:5432/app",
        "generic-password|DB_PASSWORD=Xk9#mQ2vLp8!rT4z",
        "generic-secret|client_secret: \"q8Z3vN1xR7tY5wK2mP9s\"",
        "generic-secret|secret_admin=Zq8xK2mP9vL4tR7w",
        "generic-secret|client_secret: \"qZbTrWkLmNpQsXvYaBcD\"",
        "generic-password|DB_PASSWORD=qZbTrWkLmNpQsXvY",
        "generic-password|DB_PASSWORD=3aB!(kL9]qW2xZ7[",
        "generic-password|password=kL9(qW2!xZ7#mP4z",
        "generic-password|password=H:BJgRQ._)LXik>M",
        "generic-password|password=x(7Kq!2mZp9#Lw4v",
      })
  void findsEachRuleFamily(String rule, String line) {
    assertThat(ruleIds(line)).containsExactly(rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "AWS's documentation key|aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "a variable|password = ${DB_PASSWORD}",
        "a shell expansion|PASSWORD=$(cat /run/secrets/db)",
        "a placeholder|password: changeme",
        "code reading a value|password = getpass.getpass()",
        "code reading a variable|password = os.environ[\"DB_PASSWORD\"]",
        "code reading a setting|secret_key = config.get('secret_key')",
        "code indexing|password = passwords[index]",
        "a call cut at its comma|password = self._get_password(netloc, username)",
        "a field in a literal|json.dumps({\"access_token\": oidc_credentials.token})",
        "the end of an expression|('oauth2-client-password=OAUTH2-CLIENT-PASSWORD]')",
        "a regular expression|password: ^[A-Za-z0-9]+.*$",
        "a note in brackets|password: (hidden-in-vault)",
        "an attribute|secret = settings.secret_key",
        "a file path setting|password_file = /run/secrets/db_password",
        "a camelCase file setting|passwordFile: /run/secrets/x1Y2z3W4q",
        "low entropy|password=aaaaaaaaab",
        "a run of zeros|token: ghp_000000000000000000000000000000000000",
        "a name in camelCase|client_secret: readSecretFromVault",
        "a constant's name|password = DB_PASSWORD_VALUE",
        "a private method's name|password = _gets_noecho",
        "a name with a one-letter word|client_secret = use_a_vault_here",
        "a name led by one letter|client_secret = aSecretValueHere",
        "a lower-case function called|password = md5(user_input)",
        "a class instantiated|password = SHA224PasswordProperty()",
        "a short field indexed|secret_value = self.db[key]",
        "a key header alone|KEY_HEADER = \"-----BEGIN RSA PRIVATE KEY-----\"",
        "a docker auth that is no user:password|\"auth\": \"bm9jb2xvbmhlcmU=\"",
        "masked already|password: ********",
        "a URL without password|postgres://appuser@db.internal:5432/app",
      })
  void leavesNonSecretsAlone(String why, String line) {
    assertThat(ruleIds(line)).as(why).isEmpty();
  }

  @Test
  void privateKeyNeedsItsBodyAndIsReportedAtItsHeader() {
    String key =
        "# deploy key\n"
            + "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";
    List<SecretMatch> found = scan(key);
    assertThat(found)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.ruleId()).isEqualTo("private-key");
              assertThat(m.line()).isEqualTo(2);
              assertThat(m.match()).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
            });
  }

  @Test
  void pgpKeyBodyFollowsArmorHeaders() {
    String key =
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n"
            + "lQOYBGVzZXJ2ZWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n=AbCd\n"
            + "-----END PGP PRIVATE KEY BLOCK-----\n";
    assertThat(ruleIds(key)).containsExactly("private-key");
  }

  @Test
  void keyInsideJsonStringIsFoundAndMasked() {
    String json =
        "{\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n\"\n}";
    List<SecretMatch> found = scan(json);
    assertThat(found)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.line()).isEqualTo(2);
              assertThat(m.match()).doesNotContain("MIIE").contains(Masking.MASK);
            });
  }

  @Test
  void kubeconfigTokenNeedsTheKubeconfigMarkerAnywhereInTheFile() {
    String user = "users:\n- name: ci\n  user:\n    token: 7fK2mQ9vX4tL7wN1zC5bH3jD6sA0yP2eU4gR8\n";
    assertThat(ruleIds(user)).isEmpty();
    assertThat(ruleIds("apiVersion: v1\n" + user + "kind: Config\n"))
        .containsExactly("kubeconfig-token");
  }

  @Test
  void matchesAreMaskedToAShortPrefix() {
    List<SecretMatch> found = scan("export GITHUB_TOKEN=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");
    assertThat(found)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.match()).isEqualTo("export GITHUB_TOKEN=ghp_" + Masking.MASK);
              assertThat(m.match()).doesNotContain("R8fK");
            });
  }

  @Test
  void everySecretOnALineIsMaskedInEveryFinding() {
    List<SecretMatch> found = scan("AKIAZ7QF3LNV2KD5WXYQ: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");
    assertThat(found).hasSize(2);
    assertThat(found)
        .allSatisfy(
            m -> {
              assertThat(m.match()).doesNotContain("Z7QF3").doesNotContain("R8fK2");
            });
  }

  @Test
  void aSecretOverlappingAReportedOneIsMaskedWhole() {
    List<SecretMatch> found = scan("api_key=AKIAZ7QF3LNV2KD5WXYQqrstuvwxyz0123");
    assertThat(found).extracting(SecretMatch::ruleId).containsExactly("aws-access-key-id");
    assertThat(found.get(0).match()).isEqualTo("api_key=AKIA" + Masking.MASK);
  }

  @Test
  void secretsWithoutAPublicMarkerShowNothingOfThemselves() {
    assertThat(scan("DB_PASSWORD=Xk9#mQ2vLp8!rT4z").get(0).match())
        .isEqualTo("DB_PASSWORD=" + Masking.MASK);
  }

  @Test
  void maskingATextKeepsEverythingButTheSecrets() {
    assertThat(
            scanner.mask(
                "/bin/sh -c #(nop)  ENV GITLAB_TOKEN=glpat-Xy7pQ2rT9vK4mN8wL1zB MODE=prod\nnext"))
        .isEqualTo("/bin/sh -c #(nop)  ENV GITLAB_TOKEN=glpat" + Masking.MASK + " MODE=prod\nnext");
  }

  @Test
  void aUsersRuleWhoseSecretGroupTookNoPartFindsNothing() {
    SecretRule optional =
        new SecretRule(
            "optional-group",
            "Custom",
            "Optional group",
            Severity.HIGH,
            List.of("token"),
            Pattern.compile("token(?:=(?<secret>[a-z0-9]{8,}))?"),
            "secret",
            null,
            null,
            SecretCheck.ANY,
            List.of(),
            0);
    SecretScanner custom =
        new SecretScanner(new SecretRuleSet(List.of(optional), List.of(), 1024, "test"));
    assertThat(custom.scanText("a.txt", "token\ntoken=abcdefgh12\n"))
        .extracting(SecretMatch::line)
        .containsExactly(2);
  }

  /** A user's rule of the policy: its expression, found on lines holding "key=". */
  private static SecretRule userRule(String id, String regex) {
    return new SecretRule(
        id,
        "Custom",
        id,
        Severity.HIGH,
        List.of("key="),
        Pattern.compile(regex),
        "secret",
        null,
        null,
        SecretCheck.ANY,
        List.of(),
        0);
  }

  private static SecretScanner scannerOf(SecretRule rule) {
    return new SecretScanner(new SecretRuleSet(List.of(rule), List.of(), 1 << 20, "test"));
  }

  /**
   * {@code .*a.*a.*!} backtracks in cubic time on a run of a's with no '!' (JDK 17 memoises the
   * exponential {@code (a+)+!}): 30 s for 4,000 of them, unbounded.
   */
  private static SecretScanner backtracking() {
    return scannerOf(userRule("backtracks", "key=(?<secret>.*a.*a.*!)"));
  }

  @Test
  void aUsersRuleThatBacktracksStopsTheScanAtItsWorkLimitNamingTheFileAndLine() {
    String line = "key=" + "a".repeat(4_000);
    byte[] text = ("first line\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> backtracking().scan("etc/app.conf", text.length, new ByteArrayInputStream(text)))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "etc/app.conf:2: secret rule 'backtracks' read more than 5148672 characters of this"
                + " 4004-character line, the work limit for a rule's expression (1048576 plus 1024 per"
                + " character; an expression that backtracks? write it without nested or adjacent"
                + " repetitions)");
    // Tens of seconds unbounded; the limit is about five million reads.
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void aUsersRuleThatRecursesPastTheStackIsAnInputError() throws InterruptedException {
    SecretRule recursing = userRule("recurses", "key=(?<secret>(?:a|b)*)");
    SecretScanner scanner = scannerOf(recursing);
    byte[] text = ("key=" + "ab".repeat(30_000) + "\n").getBytes(StandardCharsets.UTF_8);
    List<Throwable> thrown = new java.util.ArrayList<>();
    // A thread of the JVM's default stack, as the scan's workers have.
    Thread scan =
        new Thread(
            () -> {
              try {
                scanner.scan("etc/app.conf", text.length, new ByteArrayInputStream(text));
              } catch (Throwable e) {
                thrown.add(e);
              }
            });
    scan.start();
    scan.join();

    assertThat(thrown).singleElement().isInstanceOf(InputException.class);
    assertThat(thrown.get(0))
        .hasMessage(
            "etc/app.conf:1: secret rule 'recurses' recursed deeper than the thread's stack on"
                + " this 60004-character line (an alternation under a repetition? make the"
                + " repetition possessive, *+)");
  }

  @Test
  void aLineOnWhichARuleCannotFinishIsMaskedWhole() {
    assertThat(backtracking().mask("ENV A=b\nkey=" + "a".repeat(4_000)))
        .isEqualTo("ENV A=b\n" + "*".repeat(4_004));
  }

  @Test
  void aLinearRuleOnAFullWindowStaysWithinTheWorkLimit() {
    String line = "key=" + "a".repeat(SecretScanner.BLOCK - 10) + "!";
    SecretRule linear = userRule("linear", "key=(?<secret>a+!)");
    SecretScanner scanner = scannerOf(linear);
    assertThat(scanner.scanText("a.txt", line))
        .extracting(SecretMatch::ruleId)
        .containsExactly("linear");
  }

  @Test
  void onlyTheUsersRulesRunUnderTheWorkLimit() {
    assertThat(SecretRuleSet.builtin().rules()).allMatch(BuiltinSecretRules::isBuiltin);
    SecretRule lookalike = BuiltinSecretRules.all().get(0);
    SecretRule renamed =
        new SecretRule(
            lookalike.id(),
            "Custom",
            "Same id, another expression",
            Severity.HIGH,
            List.of("x"),
            Pattern.compile("x.*y"),
            null,
            null,
            null,
            SecretCheck.ANY,
            List.of(),
            0);
    assertThat(BuiltinSecretRules.isBuiltin(renamed)).isFalse();
  }

  @Test
  void aSpecificRuleWinsOverTheGenericOneOnTheSameText() {
    assertThat(ruleIds("AWS_SECRET_ACCESS_KEY=wJ8rXUtnFEMI/K7MDENG/bPxRfiCYzq3Lk9Vt2Ha"))
        .containsExactly("aws-secret-access-key");
  }

  @Test
  void lineNumbersCountAcrossBlocks() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("just an ordinary line of configuration number ").append(i).append('\n');
    }
    text.append("GITLAB=glpat-Xy7pQ2rT9vK4mN8wL1zB\n");
    List<SecretMatch> found =
        scanner.scan(
            "etc/big.conf",
            10,
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(found).singleElement().extracting(SecretMatch::line).isEqualTo(20_001);
  }

  @Test
  void aLineLongerThanABlockIsStillScanned() throws IOException {
    String line =
        "x".repeat(3 * SecretScanner.BLOCK) + " glpat-Xy7pQ2rT9vK4mN8wL1zB " + "y".repeat(1000);
    List<SecretMatch> found =
        scanner.scan(
            "app/min.js",
            line.length(),
            new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
    assertThat(found)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.line()).isEqualTo(1);
              assertThat(m.match()).hasSizeLessThan(200);
            });
  }

  @Test
  void defaultSkippedPathsAndBinaryFormats() {
    SecretRuleSet rules = SecretRuleSet.builtin();
    assertThat(rules.skips("usr/share/doc/openssl/README")).isTrue();
    assertThat(rules.skips("app/node_modules/x/index.js")).isTrue();
    assertThat(rules.skips("app/lib/app.jar")).isTrue();
    assertThat(rules.skips("app/config/settings.yaml")).isFalse();
    assertThat(rules.skips("root/.aws/credentials")).isFalse();
  }
}
