package dev.portcullis.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that fails, naming the registry and the phase, when a read waits longer than the
 * read timeout, when the body arrives slower than the minimum rate (averaged over the read
 * timeout), or when the operation's deadline passes. Java's HTTP client has no read timeout of its
 * own: a watchdog on the JDK's shared timer closes the stream under a read that waits too long.
 * Only time spent inside reads counts; a reader busy with what it read is not the registry's fault.
 */
final class WatchedBody extends InputStream {

  private final InputStream in;
  private final RegistryWait wait;
  private final URI where;
  private final String action;
  private final long readNanos;
  private final long periodNanos;

  // Shared between the reading thread and the watchdog; guarded by this.
  private long readingSince = -1;
  private long windowWaited;
  private long windowBytes;
  private boolean watching;
  private boolean closed;
  private String failure;

  WatchedBody(InputStream in, RegistryWait wait, URI where, String action) {
    this.in = in;
    this.wait = wait;
    this.where = where;
    this.action = action;
    this.readNanos = wait.timeouts().read().toNanos();
    this.periodNanos =
        Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(readNanos / 10, 1_000_000_000L));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    begin();
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      // A stall the watchdog caught explains the failure; any other stands as it is.
      synchronized (this) {
        wait.charge(System.nanoTime() - readingSince);
        readingSince = -1;
        failIfFailed();
      }
      throw e;
    }
    end(Math.max(n, 0));
    return n;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      closed = true;
    }
    in.close();
  }

  private synchronized void begin() throws IOException {
    failIfFailed();
    readingSince = System.nanoTime();
    if (!watching) {
      watching = true;
      schedule();
    }
  }

  private synchronized void end(int bytes) throws IOException {
    long waited = System.nanoTime() - readingSince;
    readingSince = -1;
    wait.charge(waited);
    windowWaited += waited;
    windowBytes += bytes;
    failIfFailed();
    if (wait.remainingNanos() < 0) {
      fail(wait.exceeded());
    } else if (windowWaited >= readNanos) {
      if (tooSlow(windowWaited)) {
        fail(slow(windowWaited));
      }
      windowWaited = 0;
      windowBytes = 0;
    }
    failIfFailed();
  }

  /** The watchdog: it runs only while a read waits, and wakes that read when it waits too long. */
  private synchronized void check() {
    if (closed || failure != null || readingSince < 0) {
      watching = false;
      return;
    }
    long current = System.nanoTime() - readingSince;
    if (current >= readNanos) {
      failure =
          "sent nothing for "
              + RegistryWait.seconds(wait.timeouts().read())
              + " s (--registry-read-timeout)";
    } else if (wait.remainingNanos() - current <= 0) {
      failure = wait.exceeded();
    } else if (windowWaited + current >= readNanos && tooSlow(windowWaited + current)) {
      failure = slow(windowWaited + current);
    }
    if (failure == null) {
      schedule();
      return;
    }
    watching = false;
    // Closing the JDK's body stream wakes the read blocked on it; off the timer thread.
    CompletableFuture.runAsync(this::closeQuietly);
  }

  private void schedule() {
    CompletableFuture.delayedExecutor(periodNanos, TimeUnit.NANOSECONDS, Runnable::run)
        .execute(this::check);
  }

  private boolean tooSlow(long waitedNanos) {
    double required = wait.timeouts().minBytesPerSecond() * (waitedNanos / 1e9);
    return windowBytes < required;
  }

  private String slow(long waitedNanos) {
    return "sent "
        + windowBytes
        + " bytes in "
        + String.format(Locale.ROOT, "%.1f", waitedNanos / 1e9)
        + " s, slower than the minimum of "
        + wait.timeouts().minBytesPerSecond()
        + " bytes/s (--registry-min-rate)";
  }

  private void fail(String why) {
    failure = why;
  }

  private void failIfFailed() throws RegistryUnavailableException {
    if (failure != null) {
      throw RegistryWait.stalled(where, failure, action);
    }
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException e) {
      // The stream is being abandoned; the reader hears why from failIfFailed.
    }
  }
}
