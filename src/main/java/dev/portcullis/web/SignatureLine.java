package dev.portcullis.web;

import dev.portcullis.admission.SignatureRequirements;

/**
 * The image page's signature line.
 *
 * @param state {@code signed}, {@code unsigned}, {@code unknown} (not checked) or {@code
 *     not-required}: the CSS class {@code sig-STATE} colours it
 */
public record SignatureLine(String state, String text) {

  static SignatureLine notRequired() {
    return new SignatureLine(
        "not-required", "not required: no signature rule of the policy names this repository");
  }

  static SignatureLine unknown(String text) {
    return new SignatureLine("unknown", text);
  }

  static SignatureLine of(SignatureRequirements.Status status) {
    if (status instanceof SignatureRequirements.Status.Signed signed) {
      return new SignatureLine(
          "signed", "signed: a valid cosign signature by " + String.join("; ", signed.keys()));
    }
    if (status instanceof SignatureRequirements.Status.Unsigned unsigned) {
      return new SignatureLine(
          "unsigned",
          "NOT signed as the policy requires (by "
              + String.join(" or ", unsigned.keys())
              + "): "
              + unsigned.why());
    }
    return notRequired();
  }
}
