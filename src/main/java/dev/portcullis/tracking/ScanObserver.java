package dev.portcullis.tracking;

/**
 * Told of each scan after its transaction committed, so that what follows a scan (a notification of
 * its new findings) happens for every feed, and never for a scan that was rolled back.
 */
@FunctionalInterface
public interface ScanObserver {

  ScanObserver NONE = (scan, recorded) -> {};

  /**
   * The scan is in the store. Runs on the recording thread: an observer queues work rather than
   * doing it, and reports its own failures instead of throwing, because the scan stands.
   */
  void recorded(ImageScan scan, RecordedScan recorded);
}
