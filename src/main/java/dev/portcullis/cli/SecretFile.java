package dev.portcullis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret read from a file, as Kubernetes and Docker mount them: the whole file, less one trailing
 * newline (what {@code echo} and most editors add, never part of the secret).
 */
final class SecretFile {

  /** A secret is a password or a token; a larger file is the wrong file. */
  static final int MAX_BYTES = 64 * 1024;

  private SecretFile() {}

  /**
   * The file's secret; a usage error naming {@code option} if it cannot be read or is empty.
   *
   * @param option the option that named the file, such as {@code --db-password-file}
   */
  static String read(String option, Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UsageException(
          option + ": cannot read " + file + " (" + reason(e) + "); name a readable file");
    }
    if (bytes.length > MAX_BYTES) {
      throw new UsageException(
          option + ": " + file + " is larger than " + MAX_BYTES + " bytes; is it the secret?");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new UsageException(option + ": " + file + " is not UTF-8 text");
    }
    if (text.endsWith("\r\n")) {
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      throw new UsageException(option + ": " + file + " is empty");
    }
    return text;
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
