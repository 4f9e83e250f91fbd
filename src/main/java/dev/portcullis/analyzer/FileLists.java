package dev.portcullis.analyzer;

import java.util.Optional;

/**
 * Bounds on the installed-file names kept from one package file list or database (documented in
 * docs/limits.md): they are kept only to tell which files a package owns, and a hostile list must
 * not grow without end.
 *
 * @param maxNames file names kept from one file
 * @param maxBytes bytes of file names kept from one file
 */
public record FileLists(int maxNames, long maxBytes) {

  /** No file name is longer than Linux's PATH_MAX; a longer line names no file. */
  public static final int MAX_NAME_BYTES = 4096;

  public static FileLists defaults() {
    return new FileLists(1_000_000, 64L * 1024 * 1024);
  }

  /** A fresh budget for one file. */
  public Budget budget(String path) {
    return new Budget(path);
  }

  /** What is left of the bounds while one file is read. */
  public final class Budget {
    private final String path;
    private long names;
    private long bytes;
    private boolean exhausted;

    private Budget(String path) {
      this.path = path;
    }

    /** Whether the name may be kept; once the budget is spent, no further name is. */
    public boolean admit(String name) {
      if (exhausted || name.length() > MAX_NAME_BYTES) {
        return false;
      }
      if (names + 1 > maxNames || bytes + name.length() > maxBytes) {
        exhausted = true;
        return false;
      }
      names++;
      bytes += name.length();
      return true;
    }

    /** A warning naming the limit, once names were left out. */
    public Optional<String> warning() {
      return exhausted
          ? Optional.of(
              "/"
                  + path
                  + ": more than "
                  + maxNames
                  + " installed file names or "
                  + maxBytes
                  + " bytes of them, the limit for one file; the rest were not kept")
          : Optional.empty();
    }
  }
}
