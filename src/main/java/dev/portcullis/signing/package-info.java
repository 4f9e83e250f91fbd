/**
 * Cosign-compatible image signing, without the registry: ECDSA P-256 keys ({@link
 * dev.portcullis.signing.KeyPairFiles}, {@link dev.portcullis.signing.PrivateKeys}, {@link
 * dev.portcullis.signing.PublicKeys}), the simple-signing payload ({@link
 * dev.portcullis.signing.SimpleSigningPayload}), signatures and their verdicts ({@link
 * dev.portcullis.signing.SigningKey}, {@link dev.portcullis.signing.VerificationKey}), and where
 * cosign keeps them in a registry ({@link dev.portcullis.signing.oci.SignatureManifests}).
 *
 * <p>The JDK signs, verifies, generates keys and runs PBKDF2 and AES; BouncyCastle contributes
 * ASN.1 and PEM, and scrypt and XSalsa20-Poly1305 for cosign's own key files, through its
 * lightweight API only, so nothing depends on a signed JCA provider jar.
 */
package dev.portcullis.signing;
