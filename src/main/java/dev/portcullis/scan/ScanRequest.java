package dev.portcullis.scan;

import dev.portcullis.policy.Gate;
import dev.portcullis.policy.Policy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One scan: what to read, what to look for, and the rules that judge it.
 *
 * @param target reads the inventory
 * @param vulnerabilities whether packages are matched against the vulnerability database
 * @param secrets whether files and the image config are searched for secrets
 * @param policy the policy file's content (its secret rules among it)
 * @param gate the decision over the findings, with its exceptions
 * @param database the vulnerability database file; needed only when {@code vulnerabilities}
 * @param checkOsOwnedLibraries whether language packages an OS package installed are also judged by
 *     their language's advisories
 * @param baseImageUpdates finds the newest compatible build of the base image, to tell which of the
 *     base's findings it fixes; null not to look
 */
public record ScanRequest(
    InventoryReader target,
    boolean vulnerabilities,
    boolean secrets,
    Policy policy,
    Gate gate,
    Path database,
    boolean checkOsOwnedLibraries,
    BaseImageUpdates baseImageUpdates) {

  /** A scan that does not look for a newer base image. */
  public ScanRequest(
      InventoryReader target,
      boolean vulnerabilities,
      boolean secrets,
      Policy policy,
      Gate gate,
      Path database,
      boolean checkOsOwnedLibraries) {
    this(target, vulnerabilities, secrets, policy, gate, database, checkOsOwnedLibraries, null);
  }

  public ScanRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(gate, "gate");
    if (vulnerabilities) {
      Objects.requireNonNull(database, "database");
    }
  }
}
