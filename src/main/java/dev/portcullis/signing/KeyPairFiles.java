package dev.portcullis.signing;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Creates a new ECDSA P-256 key pair as two PEM files: the public key as PKIX ({@code BEGIN PUBLIC
 * KEY}), the private key as PKCS#8 encrypted with PBES2 (PBKDF2-HMAC-SHA256, 600 000 iterations,
 * AES-256-CBC; {@code BEGIN ENCRYPTED PRIVATE KEY}), which OpenSSL and cosign's {@code
 * import-key-pair} read. The private key file is created owner-only (0600). Neither file may exist
 * already. An empty password is refused: a key left in the clear must be asked for by name, with
 * {@link #generateUnencrypted}.
 */
public final class KeyPairFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyPairFiles() {}

  /** Generates the pair and writes it; returns the public key written. */
  public static VerificationKey generate(Path privateKeyOut, Path publicKeyOut, char[] password)
      throws UnusableKeyException {
    return generate(privateKeyOut, publicKeyOut, password, EncryptedPkcs8.ITERATIONS);
  }

  static VerificationKey generate(
      Path privateKeyOut, Path publicKeyOut, char[] password, int iterations)
      throws UnusableKeyException {
    if (password == null || password.length == 0) {
      throw new UnusableKeyException(
          privateKeyOut
              + ": an empty password would leave the private key unprotected; give a password, or"
              + " ask for an unencrypted key explicitly");
    }
    return write(privateKeyOut, publicKeyOut, password, iterations);
  }

  /**
   * Generates the pair and writes the private key unencrypted ({@code BEGIN PRIVATE KEY}), still
   * owner-only; for keys kept in a secret store that encrypts them itself.
   */
  public static VerificationKey generateUnencrypted(Path privateKeyOut, Path publicKeyOut)
      throws UnusableKeyException {
    return write(privateKeyOut, publicKeyOut, null, 0);
  }

  private static VerificationKey write(
      Path privateKeyOut, Path publicKeyOut, char[] password, int iterations)
      throws UnusableKeyException {
    if (privateKeyOut
        .toAbsolutePath()
        .normalize()
        .equals(publicKeyOut.toAbsolutePath().normalize())) {
      throw new UnusableKeyException(
          privateKeyOut + ": the private and the public key need two different files");
    }
    refuseExisting(privateKeyOut);
    refuseExisting(publicKeyOut);
    SigningKey key = new SigningKey(newKeyPair());
    PemObject privatePem =
        password == null
            ? new PemObject("PRIVATE KEY", encoded(key))
            : new PemObject(
                "ENCRYPTED PRIVATE KEY",
                EncryptedPkcs8.encrypt(P256.pkcs8(key.keyPair()), password, iterations));
    createFile(privateKeyOut, pem(privatePem), true);
    try {
      createFile(publicKeyOut, key.verificationKey().toPem(), false);
    } catch (UnusableKeyException e) {
      deleteQuietly(privateKeyOut, e);
      throw e;
    }
    return key.verificationKey();
  }

  private static P256.KeyPairOnCurve newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      return P256.keyPair(((ECPrivateKey) pair.getPrivate()).getS(), "a new key");
    } catch (GeneralSecurityException | UnusableKeyException e) {
      throw new IllegalStateException("the JDK cannot generate a P-256 key", e);
    }
  }

  private static byte[] encoded(SigningKey key) {
    try {
      return P256.pkcs8(key.keyPair()).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("encoding a P-256 private key", e);
    }
  }

  private static String pem(PemObject object) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to memory", e);
    }
    return text.toString();
  }

  private static void refuseExisting(Path file) throws UnusableKeyException {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new UnusableKeyException(
          file
              + ": already exists; a key file is never overwritten, so move it away or choose"
              + " another path");
    }
  }

  private static void createFile(Path file, String content, boolean ownerOnly)
      throws UnusableKeyException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] attributes =
        ownerOnly
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (FileAlreadyExistsException e) {
      throw new UnusableKeyException(
          file
              + ": already exists; a key file is never overwritten, so move it away or choose"
              + " another path",
          e);
    } catch (NoSuchFileException e) {
      throw new UnusableKeyException(
          file + ": cannot create the key file, its directory does not exist", e);
    } catch (IOException e) {
      throw new UnusableKeyException(file + ": cannot write the key file (" + e + ")", e);
    }
  }

  private static void deleteQuietly(Path file, Exception reason) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      reason.addSuppressed(e);
    }
  }
}
