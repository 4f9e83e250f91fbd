/**
 * The client side of the server's {@code POST /api/v1/scans}: a CI job's {@code portcullis scan
 * --server URL} uploads its report, once, however often the job is retried.
 */
package dev.portcullis.submit;
