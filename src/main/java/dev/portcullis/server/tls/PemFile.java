package dev.portcullis.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;

/** The bytes of one PEM file, read within a size bound, and the objects BouncyCastle parses. */
record PemFile(Path path, String role, byte[] bytes) {

  /** A chain or CA bundle of a few hundred certificates fits; anything larger is not one. */
  static final int MAX_BYTES = 1024 * 1024;

  /** Reads the file; {@code role} ("certificate chain", "private key", ...) names it in errors. */
  static PemFile read(Path path, String role) throws TlsFileException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new TlsFileException(path + ": no such " + role + " file", e);
    } catch (IOException e) {
      throw new TlsFileException(path + ": cannot read the " + role + " file (" + e + ")", e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new TlsFileException(
          path + ": larger than " + MAX_BYTES + " bytes, too large for a " + role + " file");
    }
    if (bytes.length == 0) {
      throw new TlsFileException(path + ": the " + role + " file is empty; expected PEM");
    }
    return new PemFile(path, role, bytes);
  }

  /** Every PEM object in order, as BouncyCastle's {@link PEMParser} types them. */
  List<Object> objects() throws TlsFileException {
    List<Object> objects = new ArrayList<>();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      // Hostile base64 or DER trips the parser in more ways than a check could foresee.
      throw new TlsFileException(
          path + ": malformed PEM in the " + role + " file (" + e.getMessage() + ")", e);
    }
    if (objects.isEmpty()) {
      throw new TlsFileException(
          path
              + ": no PEM block (-----BEGIN ...-----) in the "
              + role
              + " file"
              + (text.contains("-----BEGIN") ? "" : derHint()));
    }
    return objects;
  }

  private String derHint() {
    // DER starts with a SEQUENCE tag; the usual cause is a .der/.cer file given as PEM.
    return bytes[0] == 0x30
        ? "; it looks like binary DER: convert it with `openssl x509 -inform der -in FILE`"
            + " (or `openssl pkey -inform der` for a key)"
        : "; expected PEM text";
  }
}
