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
 */
public record ScanRequest(
    InventoryReader target,
    boolean vulnerabilities,
    boolean secrets,
    Policy policy,
    Gate gate,
    Path database,
    boolean checkOsOwnedLibraries) {

  public ScanRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(gate, "gate");
    if (vulnerabilities) {
      Objects.requireNonNull(database, "database");
    }
  }
}
