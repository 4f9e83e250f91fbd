package dev.portcullis.cli;

import java.io.Console;
import java.util.Arrays;

/**
 * Where a private key's password comes from: {@code PORTCULLIS_KEY_PASSWORD}, else cosign's {@code
 * COSIGN_PASSWORD} (so keys and pipelines made for cosign keep working), else a prompt on the
 * terminal.
 */
final class KeyPasswords {

  private KeyPasswords() {}

  /** The password to read a key with. */
  static char[] forReading(String keyFile) {
    char[] fromEnvironment = fromEnvironment();
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    return prompt("Password for " + keyFile + ": ", false);
  }

  /** The password for a new key, asked twice when typed. */
  static char[] forNewKey() {
    char[] fromEnvironment = fromEnvironment();
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    return prompt("Password for the new private key: ", true);
  }

  private static char[] fromEnvironment() {
    for (String name : new String[] {"PORTCULLIS_KEY_PASSWORD", "COSIGN_PASSWORD"}) {
      String value = System.getenv(name);
      if (value != null) {
        return value.toCharArray();
      }
    }
    return null;
  }

  private static char[] prompt(String question, boolean confirm) {
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no terminal to ask for the key's password: set PORTCULLIS_KEY_PASSWORD");
    }
    char[] password = console.readPassword(question);
    if (password == null) {
      throw new UsageException("no password given");
    }
    if (confirm) {
      char[] again = console.readPassword("Again: ");
      if (again == null || !Arrays.equals(password, again)) {
        throw new UsageException("the two passwords differ");
      }
    }
    return password;
  }
}
