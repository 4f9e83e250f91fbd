package dev.portcullis.secret;

import static dev.portcullis.vulndb.Severity.CRITICAL;
import static dev.portcullis.vulndb.Severity.HIGH;
import static dev.portcullis.vulndb.Severity.MEDIUM;

import dev.portcullis.vulndb.Severity;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules Portcullis ships, documented in docs/secret-rules.md. Order matters: where two rules
 * match the same text, the earlier (more specific) one is reported, so the generic assignment rules
 * come last.
 */
public final class BuiltinSecretRules {

  private BuiltinSecretRules() {}

  /** Characters that may end a token: anything but the token's own alphabet. */
  private static final String END = "(?![A-Za-z0-9_-])";

  private static final String START = "(?<![A-Za-z0-9_-])";

  /** The files curl, git and ftp read logins from. */
  private static final Pattern NETRC = Pattern.compile("(?:^|/)[._]netrc$");

  private static final Pattern PGPASS = Pattern.compile("(?:^|/)\\.pgpass$");

  /** A field of a .pgpass line, where a backslash escapes {@code :} and itself. */
  private static final String PGPASS_FIELD = "(?:[^:\\\\]|\\\\.)*+";

  /**
   * The length of the public marker of each kind of token, which reports may show: the same for
   * every token of its kind, it says what leaked without saying anything of the secret.
   */
  private static final Map<String, Integer> PUBLIC_MARKERS =
      Map.ofEntries(
          Map.entry("aws-access-key-id", 4),
          Map.entry("github-token", 4),
          Map.entry("github-fine-grained-pat", 11),
          Map.entry("gitlab-token", 5),
          Map.entry("slack-token", 5),
          Map.entry("stripe-secret-key", 8),
          Map.entry("twilio-api-key", 2),
          Map.entry("sendgrid-api-key", 3),
          Map.entry("npm-token", 4),
          Map.entry("pypi-token", 5),
          Map.entry("vault-token", 4),
          Map.entry("huggingface-token", 3),
          Map.entry("age-secret-key", 16),
          Map.entry("google-api-key", 4),
          Map.entry("openai-api-key", 3),
          Map.entry("shopify-token", 6),
          Map.entry("heroku-api-key-v2", 7),
          Map.entry("jwt", 3));

  /** Each built-in rule's expression by its id. */
  private static final Map<String, String> EXPRESSIONS =
      all().stream()
          .collect(Collectors.toUnmodifiableMap(SecretRule::id, r -> r.regex().pattern()));

  /** Whether a rule is one of these (same id, same expression), not a user's. */
  static boolean isBuiltin(SecretRule rule) {
    return rule.regex().pattern().equals(EXPRESSIONS.get(rule.id()));
  }

  public static List<SecretRule> all() {
    return List.of(
        rule(
            "private-key",
            "AsymmetricPrivateKey",
            "Asymmetric private key",
            HIGH,
            List.of("private key"),
            "-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>.*)",
            "secret",
            null,
            SecretChecks.PRIVATE_KEY_BODY),
        rule(
            "aws-access-key-id",
            "AWS",
            "AWS access key ID",
            CRITICAL,
            List.of("akia", "asia", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "a3t"),
            "(?<![A-Z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)"
                + "[A-Z0-9]{16})(?![A-Z0-9])",
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "aws-secret-access-key",
            "AWS",
            "AWS secret access key",
            CRITICAL,
            List.of("secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret"),
            "(?i)(?:aws)?[_-]?secret[_-]?(?:access)?[_-]?key[\"']?\\s*(?::|=>|=)\\s*[\"']?"
                + "(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
            "secret",
            null,
            SecretChecks.randomAtLeast(3.5)),
        rule(
            "gcp-service-account",
            "Google",
            "Google Cloud service account key",
            CRITICAL,
            List.of("service_account"),
            "\"type\"\\s*:\\s*\"(?<secret>service_account)\"",
            "secret",
            null,
            null),
        rule(
            "azure-storage-account-key",
            "Azure",
            "Azure storage account key",
            CRITICAL,
            List.of("accountkey"),
            "(?i)AccountKey\\s*=\\s*(?<secret>[A-Za-z0-9+/]{86}==)",
            "secret",
            null,
            null),
        rule(
            "github-token",
            "GitHub",
            "GitHub token",
            CRITICAL,
            List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            START + "(?<secret>gh[pousr]_[A-Za-z0-9]{36,251})" + END,
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "github-fine-grained-pat",
            "GitHub",
            "GitHub fine-grained personal access token",
            CRITICAL,
            List.of("github_pat_"),
            START + "(?<secret>github_pat_[A-Za-z0-9_]{82})" + END,
            "secret",
            null,
            null),
        rule(
            "gitlab-token",
            "GitLab",
            "GitLab access token",
            CRITICAL,
            List.of("glpat-", "gldt-", "glrt-", "glptt-"),
            START + "(?<secret>(?:glpat|gldt|glrt|glptt)-[A-Za-z0-9_-]{20,})" + END,
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "slack-token",
            "Slack",
            "Slack token",
            HIGH,
            List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"),
            START + "(?<secret>xox[bpares]-[0-9A-Za-z-]{10,250})",
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "slack-webhook",
            "Slack",
            "Slack incoming webhook URL",
            MEDIUM,
            List.of("hooks.slack.com"),
            "https://hooks\\.slack\\.com/(?:services|workflows)/(?<secret>[A-Za-z0-9+/_-]{20,})",
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "stripe-secret-key",
            "Stripe",
            "Stripe secret or restricted key",
            CRITICAL,
            List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
            START + "(?<secret>[sr]k_(?:live|test)_[0-9A-Za-z]{24,99})" + END,
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "twilio-api-key",
            "Twilio",
            "Twilio API key",
            MEDIUM,
            List.of("sk"),
            "(?<![A-Za-z0-9])(?<secret>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])",
            "secret",
            null,
            SecretChecks.randomAtLeast(3.0)),
        rule(
            "sendgrid-api-key",
            "SendGrid",
            "SendGrid API key",
            MEDIUM,
            List.of("sg."),
            START + "(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})" + END,
            "secret",
            null,
            null),
        rule(
            "vault-token",
            "HashiCorp",
            "HashiCorp Vault service or batch token",
            CRITICAL,
            List.of("hvs.", "hvb."),
            START + "(?<secret>hv[sb]\\.[A-Za-z0-9_-]{90,})" + END,
            "secret",
            null,
            SecretChecks.randomAtLeast(4.0)),
        rule(
            "huggingface-token",
            "Hugging Face",
            "Hugging Face access token",
            HIGH,
            List.of("hf_", "api_org_"),
            START + "(?<secret>(?:hf|api_org)_[A-Za-z]{34})" + END,
            "secret",
            null,
            SecretChecks.randomAtLeast(3.5)),
        rule(
            "age-secret-key",
            "age",
            "age encryption secret key",
            HIGH,
            List.of("age-secret-key-1"),
            "(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})"
                + "(?![QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L])",
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        new SecretRule(
            "putty-private-key",
            "AsymmetricPrivateKey",
            "PuTTY private key",
            HIGH,
            List.of("private-lines:"),
            Pattern.compile("^Private-Lines:\\s*(?<secret>[0-9]+)\\s*$"),
            "secret",
            null,
            "putty-user-key-file-",
            SecretChecks.KEY_BODY_BELOW,
            List.of(),
            0),
        rule(
            "google-api-key",
            "Google",
            "Google API key",
            HIGH,
            List.of("aiza"),
            START + "(?<secret>AIza[0-9A-Za-z_-]{35})" + END,
            "secret",
            null,
            SecretChecks.randomAtLeast(3.5)),
        rule(
            "openai-api-key",
            "OpenAI",
            "OpenAI API key",
            CRITICAL,
            List.of("t3blbkfj"),
            START
                + "(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ"
                + "[A-Za-z0-9_-]{20,})"
                + END,
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "shopify-token",
            "Shopify",
            "Shopify access token or shared secret",
            CRITICAL,
            List.of("shpat_", "shpss_", "shpca_", "shppa_"),
            START + "(?<secret>shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})" + END,
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "heroku-api-key-v2",
            "Heroku",
            "Heroku API key",
            CRITICAL,
            List.of("hrku-"),
            START + "(?<secret>HRKU-[A-Za-z0-9_-]{60})" + END,
            "secret",
            null,
            SecretChecks.randomAtLeast(3.5)),
        rule(
            "heroku-api-key",
            "Heroku",
            "Heroku API key (a UUID assigned to a Heroku setting)",
            CRITICAL,
            List.of("heroku"),
            "(?i)(?<key>[A-Za-z0-9_.-]{0,40}heroku[A-Za-z0-9_.-]{0,30})[\"']?\\s*(?::=|=>|=|:)\\s*"
                + "[\"']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                + "(?![0-9a-f-])",
            "secret",
            null,
            SecretChecks.KEY_NAMES_A_CREDENTIAL),
        rule(
            "datadog-api-key",
            "Datadog",
            "Datadog API or application key",
            HIGH,
            List.of("datadog", "dd_api_key", "dd_app_key", "dd_application_key", "dd-api-key"),
            "(?i)(?<key>[A-Za-z0-9_.-]{0,40}(?:datadog|(?<![A-Za-z0-9])dd[_-](?:api|app"
                + "|application)[_-]?key)[A-Za-z0-9_.-]{0,30})[\"']?\\s*(?::=|=>|=|:)\\s*[\"']?"
                + "(?<secret>[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-z])",
            "secret",
            null,
            SecretChecks.KEY_NAMES_A_CREDENTIAL),
        rule(
            "npm-token",
            "npm",
            "npm access token",
            CRITICAL,
            List.of("npm_"),
            START + "(?<secret>npm_[A-Za-z0-9]{36})" + END,
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "npm-auth-token",
            "npm",
            "npm registry credential in .npmrc",
            HIGH,
            List.of("_authtoken", "_auth", "_password"),
            ":_(?:authToken|auth|password)\\s*=\\s*[\"']?(?<secret>[^\\s\"']{8,})",
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "pypi-token",
            "PyPI",
            "PyPI upload token",
            CRITICAL,
            List.of("pypi-ageichlwas5vcmc"),
            START + "(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})",
            "secret",
            null,
            null),
        rule(
            "docker-config-auth",
            "Docker",
            "Docker registry credential (config.json auth)",
            HIGH,
            List.of("\"auth\""),
            "\"auth\"\\s*:\\s*\"(?<secret>[A-Za-z0-9+/]{4,}={0,2})\"",
            "secret",
            null,
            SecretChecks.USER_COLON_PASSWORD),
        rule(
            "kubeconfig-client-key",
            "Kubernetes",
            "Kubernetes client key in a kubeconfig",
            HIGH,
            List.of("client-key-data"),
            "client-key-data\\s*:\\s*[\"']?(?<secret>[A-Za-z0-9+/]{40,}={0,2})",
            "secret",
            null,
            null),
        new SecretRule(
            "kubeconfig-token",
            "Kubernetes",
            "Kubernetes bearer token in a kubeconfig",
            HIGH,
            List.of("token"),
            Pattern.compile(
                "^\\s*(?:-\\s+)?token\\s*:\\s*[\"']?(?<secret>[A-Za-z0-9._~+/=-]{20,})[\"']?\\s*$"),
            "secret",
            null,
            "kind: config",
            SecretChecks.randomAtLeast(3.0),
            List.of(),
            0),
        rule(
            "jwt",
            "JWT",
            "JSON Web Token",
            MEDIUM,
            List.of("eyj"),
            START
                + "(?<secret>eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})"
                + END,
            "secret",
            null,
            SecretChecks.JWT_HEADER),
        rule(
            "database-url-password",
            "Database",
            "Password in a database connection URL",
            HIGH,
            List.of(
                "postgres://",
                "postgresql://",
                "mysql://",
                "mariadb://",
                "mongodb://",
                "mongodb+srv://",
                "redis://",
                "rediss://",
                "amqp://",
                "amqps://",
                "mssql://",
                "sqlserver://"),
            "(?i)\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql"
                + "|sqlserver)://[^:/\\s@\"']*:(?<secret>[^@\\s\"'/]{3,})@",
            "secret",
            null,
            SecretChecks.REAL_VALUE),
        rule(
            "netrc-password",
            "General",
            "Password in a .netrc file",
            HIGH,
            List.of("password"),
            "(?:^|\\s)password\\s+(?<secret>[^\\s\"']+)",
            "secret",
            NETRC,
            SecretChecks.REAL_VALUE),
        rule(
            "pgpass-password",
            "Database",
            "Password in a PostgreSQL .pgpass file",
            HIGH,
            List.of(),
            "^(?!\\s*#)"
                + PGPASS_FIELD
                + ":"
                + PGPASS_FIELD
                + ":"
                + PGPASS_FIELD
                + ":"
                + PGPASS_FIELD
                + ":(?<secret>(?:[^\\\\\\s]|\\\\.)++)\\s*$",
            "secret",
            PGPASS,
            SecretChecks.REAL_VALUE),
        rule(
            "xml-password",
            "General",
            "Password, secret or token in an XML element",
            MEDIUM,
            List.of(
                "password>",
                "passwd>",
                "passphrase>",
                "secret>",
                "token>",
                "apikey>",
                "api_key>",
                "api-key>"),
            "(?i)<(?<key>(?:[A-Za-z0-9_.-]{1,40}:)?[A-Za-z0-9_.-]{0,40}?(?:password|passwd|passphrase"
                + "|secret|token|api[_-]?key)[A-Za-z0-9_.-]{0,20})(?:\\s[^>]{0,200})?>"
                + "(?<secret>[^<\\s]{1,200})</\\k<key>>",
            "secret",
            null,
            SecretChecks.ASSIGNMENT),
        rule(
            "generic-password",
            "General",
            "Password assigned in configuration or code",
            MEDIUM,
            List.of("password", "passwd", "passphrase"),
            "(?i)(?<![A-Za-z0-9/])(?<key>[A-Za-z0-9_.-]{0,40}(?:password|passwd|passphrase)"
                + "[A-Za-z0-9_.-]{0,20})[\"']?\\s*(?::=|=>|=|:)\\s*(?<quote>[\"'`]?)"
                + "(?<secret>[^\\s\"'`,;=][^\\s\"'`,;]{5,199})",
            "secret",
            null,
            SecretChecks.ASSIGNMENT),
        rule(
            "generic-secret",
            "General",
            "Secret, API key or token assigned in configuration or code",
            MEDIUM,
            List.of(
                "secret",
                "api_key",
                "apikey",
                "api-key",
                "access_key",
                "accesskey",
                "auth_token",
                "authtoken",
                "access_token",
                "private_token"),
            "(?i)(?<![A-Za-z0-9/])(?<key>[A-Za-z0-9_.-]{0,40}(?:secret|api[_-]?key|access[_-]?key"
                + "|auth[_-]?token|access[_-]?token|private[_-]?token)[A-Za-z0-9_.-]{0,20})[\"']?"
                + "\\s*(?::=|=>|=|:)\\s*(?<quote>[\"'`]?)(?<secret>[^\\s\"'`,;=][^\\s\"'`,;]{7,199})",
            "secret",
            null,
            SecretChecks.ASSIGNMENT));
  }

  private static SecretRule rule(
      String id,
      String category,
      String title,
      Severity severity,
      List<String> keywords,
      String regex,
      String secretGroup,
      Pattern path,
      SecretCheck check) {
    return new SecretRule(
        id,
        category,
        title,
        severity,
        keywords,
        Pattern.compile(regex),
        secretGroup,
        path,
        null,
        check,
        List.of(),
        PUBLIC_MARKERS.getOrDefault(id, 0));
  }
}
