package dev.portcullis.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
          "\\$\\{|\\$\\(|\\{\\{|%\\(|#\\{|<[A-Za-z_-]+>|^\\$[A-Za-z_]|^%[A-Za-z_]+%$"
              + "|\\{[A-Za-z_][A-Za-z0-9_.]*\\}|^\\{");

  /**
   * Six or more of one character in a row ({@code 000000}, {@code aaaaaa}): a placeholder. Four are
   * no sign of one: the digits of real tokens hold such runs by chance (one Slack token in fifty
   * has four equal digits in a row).
   */
  private static final Pattern REPEATED = Pattern.compile("(.)\\1{5,}");

  private static final Pattern DOTTED_IDENTIFIER =
      Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$");

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
   * .*}, {@code .+}). A call or an index is {@link #CALLED_NAME}.
   */
  private static final Pattern CODE = Pattern.compile("^[(\\[{]|^[^(\\[{]*[)\\]}]$|\\.[*+]");

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
          + "|expiry|expires|expiration|min|max|age|url|uri|chars|hash";

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

  /** Not a template, a variable, an obvious placeholder or a long run of one character. */
  static boolean looksReal(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (PLACEHOLDER_WORDS.contains(lower)
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
        String value = candidate.secret();
        return !KEY_ABOUT_THE_VALUE.matcher(key).find()
            && !CAMEL_KEY_ABOUT_THE_VALUE.matcher(key).find()
            && value.length() >= 8
            && looksReal(value)
            && !DOTTED_IDENTIFIER.matcher(value).matches()
            && !isName(value)
            && !CODE.matcher(value).find()
            && !callsOrIndexesAName(value)
            && Entropy.bitsPerChar(value) >= 3.0;
      };

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
        return decoded != null && decoded.contains("\"alg\"");
      };

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
