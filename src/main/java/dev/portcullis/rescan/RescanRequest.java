package dev.portcullis.rescan;

/**
 * The data of a one-time rescan of everything, queued as JSON in the job table.
 *
 * @param reason why it was queued, for the log: "database updated from …"
 */
public record RescanRequest(String reason) {}
