package dev.portcullis.tracking;

import java.util.List;

/**
 * What recording a scan changed.
 *
 * @param repeated whether the submission key had been recorded before: nothing was changed
 * @param failed whether the server's gate failed the image
 * @param opened findings first seen (or seen again after a fix) in this scan
 * @param fixed how many findings of the repository this scan fixed
 */
public record RecordedScan(
    long scanId,
    long imageId,
    boolean repeated,
    boolean failed,
    List<NewFinding> opened,
    int fixed) {

  public RecordedScan {
    opened = List.copyOf(opened);
  }

  /** A finding this scan opened, with its store id. */
  public record NewFinding(long id, ObservedFinding finding) {}
}
