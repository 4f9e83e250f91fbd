package dev.portcullis.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file the user named on the command line or in a policy: a policy, an ignore or VEX file,
 * an SBOM, a Dockerfile, a manifest. Only a regular file is read, and only up to a limit given by
 * its kind (docs/limits.md): a FIFO would block the read forever, a device or a sparse file of
 * gigabytes would fill the heap. Both are input errors, said before a byte is read.
 */
public final class UserFiles {

  private UserFiles() {}

  /**
   * The file's bytes.
   *
   * @param kind what the file should be, for messages: "a policy file"
   * @throws UserFileException when it is missing, not a regular file, or larger than the limit
   */
  public static byte[] read(Path file, long maxBytes, String kind) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new UserFileException(file, "no such file");
    }
    if (!attributes.isRegularFile()) {
      throw new UserFileException(
          file,
          "not a regular file ("
              + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device")
              + "); name "
              + kind);
    }
    if (attributes.size() > maxBytes) {
      throw tooLarge(file, attributes.size(), maxBytes, kind);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(file, bytes.length, maxBytes, kind);
      }
      return bytes;
    }
  }

  /**
   * The file as UTF-8 text, without a byte-order mark.
   *
   * @throws UserFileException as {@link #read}, and when the text is not UTF-8
   */
  public static String readText(Path file, long maxBytes, String kind) throws IOException {
    byte[] bytes = read(file, maxBytes, kind);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new UserFileException(file, "not UTF-8 text; name " + kind);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static UserFileException tooLarge(Path file, long size, long maxBytes, String kind) {
    return new UserFileException(
        file,
        size
            + " bytes, more than the "
            + maxBytes
            + " bytes "
            + kind
            + " may have (docs/limits.md)");
  }
}
