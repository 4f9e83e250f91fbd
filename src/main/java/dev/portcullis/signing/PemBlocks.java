package dev.portcullis.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads the PEM blocks of a key file, within a size bound. */
final class PemBlocks {

  /** Key files are a few hundred bytes; anything past this is not a key. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private PemBlocks() {}

  static byte[] readFile(Path file) throws UnusableKeyException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new UnusableKeyException(
            file + ": larger than " + MAX_FILE_BYTES + " bytes, too large for a key file");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new UnusableKeyException(file + ": no such key file", e);
    } catch (IOException e) {
      throw new UnusableKeyException(file + ": cannot read the key file (" + e + ")", e);
    }
  }

  /** Every PEM block in order; none found is an error naming what was expected. */
  static List<PemObject> parse(byte[] text, String source, String expected)
      throws UnusableKeyException {
    if (text.length > MAX_FILE_BYTES) {
      throw new UnusableKeyException(
          source + ": larger than " + MAX_FILE_BYTES + " bytes, too large for a key file");
    }
    List<PemObject> blocks = new ArrayList<>();
    try (PemReader reader =
        new PemReader(new StringReader(new String(text, StandardCharsets.ISO_8859_1)))) {
      for (PemObject block = reader.readPemObject();
          block != null;
          block = reader.readPemObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      throw new UnusableKeyException(
          source + ": malformed PEM (" + e.getMessage() + "); expected " + expected, e);
    }
    if (blocks.isEmpty()) {
      throw new UnusableKeyException(
          source + ": no PEM block (-----BEGIN ...-----) found; expected " + expected);
    }
    return blocks;
  }
}
