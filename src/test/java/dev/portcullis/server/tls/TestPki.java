package dev.portcullis.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** Certificates made at test time: a CA, leaves it issues for 127.0.0.1/localhost, PEM files. */
final class TestPki {

  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  /** A key pair with the certificate that holds its public key. */
  record Issued(KeyPair keys, X509Certificate certificate) {}

  private TestPki() {}

  static KeyPair rsa() {
    return generate("RSA", 2048);
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed CA valid for a year around {@code now}. */
  static Issued ca(String name, Instant now) {
    KeyPair keys = ec();
    X500Name subject = new X500Name("CN=" + name);
    try {
      return new Issued(
          keys,
          sign(
              keys.getPrivate(),
              builder(
                      subject,
                      subject,
                      keys,
                      BigInteger.ONE,
                      now.minus(Duration.ofDays(1)),
                      now.plus(Duration.ofDays(365)))
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CA certificate issued by {@code ca}. */
  static Issued intermediate(Issued ca, String name) {
    KeyPair keys = ec();
    try {
      return new Issued(
          keys,
          sign(
              ca.keys().getPrivate(),
              builder(
                      new X500Name(ca.certificate().getSubjectX500Principal().getName()),
                      new X500Name("CN=" + name),
                      keys,
                      BigInteger.TWO,
                      NOW.minus(Duration.ofDays(1)),
                      NOW.plus(Duration.ofDays(365)))
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server certificate for 127.0.0.1 and localhost, valid from {@code notBefore} for 30 days. */
  static Issued leaf(Issued ca, KeyPair keys, long serial, Instant notBefore) {
    return leaf(
        ca, keys, "CN=portcullis test server", serial, notBefore, KeyPurposeId.id_kp_serverAuth);
  }

  /** A client certificate for mutual TLS. */
  static Issued client(Issued ca, KeyPair keys, long serial) {
    return leaf(ca, keys, "CN=portcullis test client", serial, NOW, KeyPurposeId.id_kp_clientAuth);
  }

  private static Issued leaf(
      Issued ca, KeyPair keys, String name, long serial, Instant notBefore, KeyPurposeId purpose) {
    try {
      X509v3CertificateBuilder builder =
          builder(
              new X500Name(ca.certificate().getSubjectX500Principal().getName()),
              new X500Name(name),
              keys,
              BigInteger.valueOf(serial),
              notBefore.minus(Duration.ofMinutes(1)),
              notBefore.plus(Duration.ofDays(30)));
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                  }));
      return new Issued(keys, sign(ca.keys().getPrivate(), builder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer,
      X500Name subject,
      KeyPair keys,
      BigInteger serial,
      Instant from,
      Instant to) {
    return new JcaX509v3CertificateBuilder(
        issuer, serial, Date.from(from), Date.from(to), subject, keys.getPublic());
  }

  private static X509Certificate sign(PrivateKey issuerKey, X509v3CertificateBuilder builder) {
    try {
      String algorithm =
          issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#8 {@code PRIVATE KEY}. */
  static String pkcs8(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}, as OpenSSL writes them. */
  static String traditional(PrivateKey key) {
    try {
      return pem(new JcaMiscPEMGenerator(openSslForm(key), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The key as OpenSSL holds it: for EC, SEC1 with the curve inside. (The JDK's PKCS#8 leaves the
   * curve out of the inner SEC1, and a SEC1 file without it names no curve.)
   */
  private static PrivateKeyInfo openSslForm(PrivateKey key) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    if (!(key instanceof ECPrivateKey ec)) {
      return info;
    }
    try {
      return new PrivateKeyInfo(
          info.getPrivateKeyAlgorithm(),
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              256, ec.getS(), info.getPrivateKeyAlgorithm().getParameters()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PKCS#8 {@code ENCRYPTED PRIVATE KEY} under PBES2 with AES-256-CBC. */
  static String encryptedPkcs8(PrivateKey key, String password) {
    try {
      return pem(
          new JcaPKCS8Generator(
              key,
              new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                  .setProvider(new BouncyCastleProvider())
                  .setIterationCount(2048)
                  .setPassword(password.toCharArray())
                  .build()));
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#1 or SEC1 under OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} headers. */
  static String encryptedTraditional(PrivateKey key, String password) {
    try {
      return pem(
          new JcaMiscPEMGenerator(
              openSslForm(key),
              new JcePEMEncryptorBuilder("AES-128-CBC")
                  .setProvider(new BouncyCastleProvider())
                  .build(password.toCharArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects (certificates, keys, generators) as one PEM text. */
  static String pem(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof PemObjectGenerator generator) {
          writer.writeObject(generator);
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
