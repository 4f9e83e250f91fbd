package dev.portcullis.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The checks the built-in rules use to tell real secrets from placeholders and code. */
final class SecretChecks {

  private SecretChecks() {}

  private static final Set<String> PLACEHOLDER_WORDS =
      Set.of(
          "password",
          "passwd",
          "secret",
          "changeme",
          "change_me",
          "changeit",
          "example",
          "sample",
          "placeholder",
          "redacted",
          "dummy",
          "null",
          "none",
          "true",
          "false",
          "undefined",
          "required",
          "optional",
          "string",
          "your_password",
          "yourpassword",
          "mypassword",
          "password123",
          "secretkey",
          "notasecret");

  private static final Pattern TEMPLATE =
      Pattern.compile(
          "\\$\\{|\\$\\(|\\{\\{|%\\(|#\\{|<[A-Za-z_-]+>|^<[A-Za-z][\\w.-]*$|^\\$[A-Za-z_]"
              + "|^%[A-Za-z_]+%$"
              + "|\\{[A-Za-z_][A-Za-z0-9_.]*\\}|^\\{");

  /**
   * Six or more of one character in a row ({@code 000000}, {@code aaaaaa}): a placeholder. Four are
   * no sign of one: the digits of real tokens hold such runs by chance (one Slack token in fifty
   * has four equal digits in a row).
   */
  private static final Pattern REPEATED = Pattern.compile("(.)\\1{5,}");

  private static final Pattern DOTTED_IDENTIFIER =
      Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*((?:\\.|::)[A-Za-z_][A-Za-z0-9_]*)+$");

  /**
   * A word or a name in code, not a secret: words joined by {@code _ . -} or in camelCase ({@code
   * key_password}, {@code secretKeyValue}, {@code HTTP_SERVER}, {@code userIdValue}, {@code
   * use_a_vault}, {@code aSecretValue}), each word a run of two or more small letters after at most
   * one capital, a run of capitals, a common two-letter word, or a single letter standing alone or
   * leading a capitalised word. Random letters seldom read so (4 strings of 16 letters in 100), so
   * a secret that happens to hold no digit still counts. Each word is an atomic group: matching
   * takes time linear in the value's length.
   */
  private static final Pattern NAME_IN_CODE =
      Pattern.compile(
          "^[_.-]*+(?:(?>[A-Z]?[a-z]{2,}"
              + "|(?:Id|Is|To|Of|On|In|At|By|Up|Or|As|If|Me|My|No|Ok|Db|Io|Ui|Os)(?![a-z])"
              + "|[A-Z]{2,}(?=[A-Z][a-z]|[_.-]|$)"
              + "|(?<![A-Za-z])[A-Za-z](?=[_.-]|$)"
              + "|(?<![A-Za-z])[a-z](?=[A-Z][a-z]{2}))[_.-]*+)+$");

  /**
   * Longer values are no names. The bound also keeps the pattern's recursion shallow: Java matches
   * each repetition of a group in a nested call, and some ten thousand overflow the stack.
   */
  private static final int LONGEST_NAME = 128;

  /**
   * Code or a pattern where a value would be, found anywhere in the value: anything that opens with
   * a bracket (a cast, a tuple, a note such as {@code (none)}), anything that ends with a bracket
   * it did not open (the end of an expression around it), a regular expression's wildcard ({@code
   * .*}, {@code .+}), a variable of Perl, PHP or shell indexed or dereferenced ({@code
   * read=$record[2]}, {@code $opts->{pass}}). A call or an index is {@link #CALLED_NAME}.
   */
  private static final Pattern CODE =
      Pattern.compile(
          "^[(\\[{]|^[^(\\[{]*[)\\]}]$|\\.[*+]|\\$[A-Za-z_][A-Za-z0-9_]*(?:\\[|\\{|->)");

  /**
   * A name called or indexed, alone or at the end of a path joined by {@code .}, {@code ::}, {@code
   * ->} or a scope's {@code :}: {@code getpass.getpass()}, {@code Etc::getpwnam(user)}, {@code
   * md5(…}, {@code SHA224Password()}, and {@code os.environ[…}, {@code self.get(netloc, …}, {@code
   * request.owner_key)} where the value stops at a quote, comma or space. The name is captured: it
   * is code only if the name reads like one, so that a password such as {@code kL9(qW2!xZ7#mP4z} or
   * {@code H:BJgRQ._)LXik} still counts.
   */
  private static final Pattern CALLED_NAME =
      Pattern.compile("^(?:[A-Za-z_$@][\\w$]*+(?:\\.|::?|->))*+([A-Za-z_$@][\\w$]*+)[(){}\\[\\]]");

  /** A lower-case identifier: {@code md5}, {@code getpass}. */
  private static final Pattern LOWER_CASE_IDENTIFIER = Pattern.compile("[a-z_$@][a-z0-9_$]*");

  /** Three small letters in a row: part of a word, which random characters seldom hold. */
  private static final Pattern PART_OF_A_WORD = Pattern.compile("[a-z]{3}");

  private static final Pattern BASE64_LINE = Pattern.compile("^\\s*[A-Za-z0-9+/]{32,}={0,2}\\s*$");
  private static final Pattern ESCAPED_PEM_BODY =
      Pattern.compile("^(?:\\\\r)?\\\\n[A-Za-z0-9+/]{32,}");
  private static final Pattern ARMOR_HEADER = Pattern.compile("^\\s*[A-Za-z-]+: .*$");

  /**
   * The last word of keys that name something about a credential, not the credential: {@code
   * password_file}, {@code secret-name}, {@code token.length}, {@code passwordFile}.
   */
  private static final String ABOUT_WORDS =
      "file|path|dir|name|ref|env|var|length|len|policy|type|id|prompt|hint|command|cmd|field"
          + "|label|header|param|regex|pattern|format|rule|mode|store|manager|reset|change"
          + "|expiry|expires|expiration|min|max|age|url|uri|chars|hash|digest|checksum|sum"
          + "|fingerprint|md5|sha1|sha224|sha256|sha384|sha512|encryption|algorithm|method"
          + "|scheme|cipher|required|map|maps|timeout|ttl|attempts|retries|lifetime";

  private static final Pattern KEY_ABOUT_THE_VALUE =
      Pattern.compile("(?i)(?:^|[_.-])(?:" + ABOUT_WORDS + ")$");

  private static final Pattern CAMEL_KEY_ABOUT_THE_VALUE =
      Pattern.compile(
          "[a-z0-9](?:"
              + Pattern.compile("\\|")
                  .splitAsStream(ABOUT_WORDS)
                  .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                  .collect(Collectors.joining("|"))
              + ")$");

  /**
   * A digest that names its algorithm ({@code sha256:9f86…}, {@code md5=…}): the fingerprint of
   * something, which tells nothing of it.
   */
  private static final Pattern TAGGED_DIGEST =
      Pattern.compile(
          "(?i)^(?:sha-?(?:1|224|256|384|512)|sha3-(?:256|512)|md5|blake2[bs]?)[:=]"
              + "[0-9a-f]{32,128}$");

  /**
   * What documentation writes where a value goes: the options a setting takes ({@code true|false},
   * {@code yes/no}, {@code [on|off|auto]}), each a word or a small number.
   */
  private static final Pattern OPTIONS =
      Pattern.compile(
          "^[\\[(<{]?(?:[A-Za-z]+|[0-9]{1,4})(?:[|/](?:[A-Za-z]+|[0-9]{1,4}))+[\\])>}]?$");

  /** A complete tag: {@code </span>}, {@code <code class="literal">}, {@code <br/>}. */
  private static final Pattern MARKUP =
      Pattern.compile("</[A-Za-z][A-Za-z0-9]*>|<[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]*)?/?>");

  /** Where a comment begins after a value: {@code #}, {@code ;} or {@code //}, after a space. */
  private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s(?:#|;|//)");

  /**
   * Tokens that vendors publish in their documentation, copied into countless READMEs, tutorials
   * and tests: jwt.io's sample token, the test keys of Stripe's API reference, the hash Apache
   * documents for FakeBasicAuth. They open no account.
   */
  private static final Set<String> PUBLISHED_EXAMPLES =
      Set.of(
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
              + "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
          "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
          "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
          "sk_test_26PHem9AhJZvU623DfE1x4sd",
          // The password hash Apache's mod_ssl documents for FakeBasicAuth users, in every
          // default-ssl.conf: the DES crypt of "password".
          "xxj31ZMTZzkVA");

  /**
   * GitHub's tokens of 40 characters ({@code ghp_} and its kin) and npm's, whose last six
   * characters are a checksum ({@link TokenChecksum}).
   */
  private static final Pattern CHECKSUMMED = Pattern.compile("^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$");

  /**
   * Claims of the sample tokens that JWT documentation shows (jwt.io's {@code John Doe} and its
   * {@code iat} 1516239022, the domains reserved for examples): whatever the signature, such a
   * token was written to explain JWTs.
   */
  private static final Pattern SAMPLE_CLAIMS =
      Pattern.compile(
          "(?i)\"(?:John|Jane) Doe\"|\"iat\"\\s*:\\s*1516239022\\b|example\\.(?:com|org|net)\\b");

  /** Not a template, a variable, an obvious placeholder or a long run of one character. */
  static boolean looksReal(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (PLACEHOLDER_WORDS.contains(lower)
        || PUBLISHED_EXAMPLES.contains(value)
        || isSampleJwt(value)
        || failsItsChecksum(value)
        || lower.contains("example")
        || lower.contains("xxxx")
        || lower.contains("****")
        || lower.contains("...")) {
      return false;
    }
    return !TEMPLATE.matcher(value).find() && !REPEATED.matcher(value).find();
  }

  /**
   * A {@code key = value} assignment whose value could be a credential: the key names one (not its
   * file, length or policy), the value is no code, template or placeholder, and it is random
   * enough.
   */
  static final SecretCheck ASSIGNMENT =
      candidate -> {
        String key = candidate.match().group("key");
        String value = beforeMarkup(candidate.secret());
        return !KEY_ABOUT_THE_VALUE.matcher(key).find()
            && !CAMEL_KEY_ABOUT_THE_VALUE.matcher(key).find()
            && value.length() >= 8
            && looksReal(value)
            && !DOTTED_IDENTIFIER.matcher(value).matches()
            && !isName(value)
            && !CODE.matcher(value).find()
            && !callsOrIndexesAName(value)
            && !listsOptions(value)
            && !FilePaths.isFilePath(value)
            && !TAGGED_DIGEST.matcher(value).matches()
            && !repeatedInACommentAfter(candidate, value)
            && Entropy.bitsPerChar(value) >= 3.0;
      };

  /**
   * The value up to the first HTML or XML tag in it: in documentation written as HTML, {@code
   * password=None</span></em>} assigns {@code None}.
   */
  private static String beforeMarkup(String value) {
    Matcher tag = MARKUP.matcher(value);
    return tag.find() ? value.substring(0, tag.start()) : value;
  }

  /**
   * Whether a comment after the value names it again, as a commented-out default followed by the
   * choices does ({@code #password_encryption = scram-sha-256 # scram-sha-256 or md5}). A secret is
   * not written twice on its line.
   */
  private static boolean repeatedInACommentAfter(SecretCheck.Candidate candidate, String value) {
    String rest = candidate.line().substring(candidate.match().end("secret"));
    Matcher comment = TRAILING_COMMENT.matcher(rest);
    return comment.find() && rest.indexOf(value, comment.end()) >= 0;
  }

  /** Whether a value is the options a setting takes, as documentation lists them. */
  static boolean listsOptions(String value) {
    return OPTIONS.matcher(value).matches();
  }

  /**
   * Whether the value starts with a {@link #CALLED_NAME} whose name reads like one: a lower-case
   * identifier, a name holding part of a word ({@link #PART_OF_A_WORD}) or a name in code, of three
   * characters at least, or two at the end of a path ({@code self.db[}), where the path itself
   * already says code.
   */
  private static boolean callsOrIndexesAName(String value) {
    Matcher call = CALLED_NAME.matcher(value);
    if (!call.lookingAt()) {
      return false;
    }
    String name = call.group(1);
    boolean atEndOfPath = call.start(1) > 0;
    return (atEndOfPath ? name.length() >= 2 : name.length() >= 3)
        && (LOWER_CASE_IDENTIFIER.matcher(name).matches()
            || PART_OF_A_WORD.matcher(name).find()
            || isName(name));
  }

  private static boolean isName(String value) {
    return value.length() <= LONGEST_NAME && NAME_IN_CODE.matcher(value).matches();
  }

  /**
   * A value assigned to a key that names a credential of one vendor ({@code HEROKU_API_KEY}, {@code
   * datadog.app_key}), not something about it ({@code HEROKU_APP_ID}), and random enough.
   */
  static final SecretCheck KEY_NAMES_A_CREDENTIAL =
      candidate -> {
        String key = candidate.match().group("key");
        return !KEY_ABOUT_THE_VALUE.matcher(key).find()
            && !CAMEL_KEY_ABOUT_THE_VALUE.matcher(key).find()
            && looksReal(candidate.secret())
            && Entropy.bitsPerChar(candidate.secret()) >= 3.0;
      };

  /** A line of base 64 right below: the body of a key whose header said how many lines it has. */
  static final SecretCheck KEY_BODY_BELOW =
      candidate -> {
        List<String> below = candidate.followingLines().get();
        return !below.isEmpty() && BASE64_LINE.matcher(below.get(0)).matches();
      };

  /** Not a placeholder. */
  static final SecretCheck REAL_VALUE = candidate -> looksReal(candidate.secret());

  /**
   * A PEM or PGP armour header followed by a key body: on the same line after an escaped newline
   * (keys inside JSON strings), or on the next lines after any armour headers. A header alone, as
   * code that parses keys writes it, is no key.
   */
  static final SecretCheck PRIVATE_KEY_BODY =
      candidate -> {
        if (ESCAPED_PEM_BODY.matcher(candidate.secret()).find()) {
          return true;
        }
        if (!candidate.secret().isBlank()) {
          return false;
        }
        for (String next : candidate.followingLines().get()) {
          if (BASE64_LINE.matcher(next).matches()) {
            return true;
          }
          if (!next.isBlank() && !ARMOR_HEADER.matcher(next).matches()) {
            return false;
          }
        }
        return false;
      };

  /** Docker's {@code auth}: base64 of {@code user:password}. */
  static final SecretCheck USER_COLON_PASSWORD =
      candidate -> {
        String decoded = decodeBase64(candidate.secret(), false);
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        return colon > 0 && colon < decoded.length() - 1;
      };

  /** A JSON Web Token's header names its algorithm. */
  static final SecretCheck JWT_HEADER =
      candidate -> {
        String header = candidate.secret().substring(0, candidate.secret().indexOf('.'));
        String decoded = decodeBase64(header, true);
        return decoded != null && decoded.contains("\"alg\"") && looksReal(candidate.secret());
      };

  /**
   * Whether a value is a JSON Web Token whose claims are those of documentation's samples ({@link
   * #SAMPLE_CLAIMS}), whatever its signature.
   */
  private static boolean isSampleJwt(String value) {
    if (!value.startsWith("eyJ")) {
      return false;
    }
    String[] parts = value.split("\\.", -1);
    String payload = parts.length == 3 ? decodeBase64(parts[1], true) : null;
    return payload != null && SAMPLE_CLAIMS.matcher(payload).find();
  }

  /**
   * Whether a value has the form of a GitHub or npm token of 40 characters, which carry a checksum,
   * and the checksum fails: it was never issued (a made-up example, a typo).
   */
  private static boolean failsItsChecksum(String value) {
    return CHECKSUMMED.matcher(value).matches() && !TokenChecksum.verifies(value.substring(4));
  }

  /** Random enough to be a credential, and no placeholder. */
  static SecretCheck randomAtLeast(double bitsPerChar) {
    return candidate ->
        looksReal(candidate.secret()) && Entropy.bitsPerChar(candidate.secret()) >= bitsPerChar;
  }

  private static String decodeBase64(String text, boolean urlAlphabet) {
    try {
      String padded = text.replace("=", "");
      return new String(
          urlAlphabet
              ? Base64.getUrlDecoder().decode(padded)
              : Base64.getDecoder().decode(pad(padded)),
          StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String pad(String text) {
    return text + "=".repeat((4 - text.length() % 4) % 4);
  }
}
