package dev.portcullis.misconfig.kubernetes;

import java.util.List;

/**
 * A Pod Security Standards check that forbids a pod, in Pod Security Admission's words.
 *
 * @param checkId PSA's check id ({@code privileged}, {@code seccompProfile_restricted})
 * @param reason PSA's forbidden reason ({@code privileged})
 * @param detail PSA's forbidden detail ({@code container "x" must not set ...}), may be empty
 * @param fields the fields at fault, for locating findings
 */
public record PssViolation(String checkId, String reason, String detail, List<FieldRef> fields) {

  public PssViolation {
    fields = List.copyOf(fields);
  }

  /** {@code reason (detail)}, as PSA writes one forbidden check. */
  public String describe() {
    return detail == null || detail.isEmpty() ? reason : reason + " (" + detail + ")";
  }
}
