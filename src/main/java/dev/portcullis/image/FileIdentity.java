package dev.portcullis.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What tells one state of a file on local disk from another without reading it: its real path,
 * device and inode, size, and the times of its last content change (mtime) and last status change
 * (ctime). Rewriting the file changes its ctime, which no unprivileged program can set back; a
 * record of this identity therefore stands for the bytes that were read under it.
 *
 * @param file the real path (symlinks resolved)
 * @param device the device the file lies on
 * @param inode its inode on that device
 * @param size its size in bytes
 * @param modifiedNanos mtime, nanoseconds since the epoch
 * @param changedNanos ctime, nanoseconds since the epoch
 */
public record FileIdentity(
    Path file, long device, long inode, long size, long modifiedNanos, long changedNanos) {

  /**
   * The identity of a file now, or empty where the file system does not give device, inode and
   * ctime (the JDK's "unix" attribute view exists on Linux and macOS): there, nothing is recorded
   * and every run reads the file.
   */
  public static Optional<FileIdentity> of(Path file) throws IOException {
    Path real = file.toRealPath();
    if (!real.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return Optional.empty();
    }
    Map<String, Object> unix =
        Files.readAttributes(
            real, "unix:dev,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
    if (!(unix.get("dev") instanceof Long device)
        || !(unix.get("ino") instanceof Long inode)
        || !(unix.get("size") instanceof Long size)
        || !(unix.get("lastModifiedTime") instanceof FileTime modified)
        || !(unix.get("ctime") instanceof FileTime changed)) {
      return Optional.empty();
    }
    return Optional.of(
        new FileIdentity(real, device, inode, size, nanos(modified), nanos(changed)));
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }
}
