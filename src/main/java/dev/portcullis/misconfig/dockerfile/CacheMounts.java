package dev.portcullis.misconfig.dockerfile;

/** {@code RUN --mount=type=cache,target=…}: a cache there never reaches a layer. */
final class CacheMounts {

  private CacheMounts() {}

  /** Whether a cache mount's target is {@code path} or a directory above it. */
  static boolean covers(Instruction run, String path) {
    for (Flag flag : run.flags()) {
      if (!flag.name().equals("mount") || flag.value() == null) {
        continue;
      }
      boolean cache = false;
      String target = null;
      for (String part : flag.value().split(",")) {
        int equals = part.indexOf('=');
        String key = equals < 0 ? part : part.substring(0, equals);
        String value = equals < 0 ? "" : part.substring(equals + 1);
        if (key.equals("type")) {
          cache = value.equals("cache");
        } else if (key.equals("target") || key.equals("dst") || key.equals("destination")) {
          target = value;
        }
      }
      if (cache && target != null) {
        String normalized = target.endsWith("/") ? target : target + "/";
        if ((path + "/").startsWith(normalized)) {
          return true;
        }
      }
    }
    return false;
  }
}
