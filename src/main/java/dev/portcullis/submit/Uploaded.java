package dev.portcullis.submit;

/**
 * What the server answered to an upload.
 *
 * @param scan the server's scan id
 * @param repeated whether the server had recorded this report before (a retried job)
 * @param verdict {@code pass} or {@code fail} by the server's own gate
 */
public record Uploaded(long scan, boolean repeated, String verdict, int opened, int fixed) {}
