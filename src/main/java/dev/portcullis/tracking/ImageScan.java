package dev.portcullis.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One scan of one image, as the store records it.
 *
 * @param databaseUpdatedAt when the vulnerability database it matched against was updated; null if
 *     unknown
 * @param failed whether the server's gate fails the image
 * @param findings every vulnerability found, whatever the gate reports
 * @param complete whether {@code findings} is all there is: a scan report filtered by severity is
 *     not, and a finding it leaves out is not fixed by it
 * @param inventory the image's inventory, to keep for rescans; null where the submission had none
 *     (a scan report)
 * @param submissionKey the client's idempotency key: a submission retried with the same key is
 *     recorded once; null if none
 */
public record ImageScan(
    ImageName image,
    Instant scannedAt,
    ScanCause cause,
    Instant databaseUpdatedAt,
    boolean failed,
    List<ObservedFinding> findings,
    boolean complete,
    StoredInventory inventory,
    String submissionKey) {

  public ImageScan {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(scannedAt, "scannedAt");
    Objects.requireNonNull(cause, "cause");
    findings = List.copyOf(findings);
  }
}
