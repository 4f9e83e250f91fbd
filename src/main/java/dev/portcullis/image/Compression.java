package dev.portcullis.image;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Layer compression, told by the stream's magic bytes rather than trusted from a media type. */
enum Compression {
  NONE,
  GZIP,
  ZSTD;

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;
  private static final int[] ZSTD_MAGIC = {0x28, 0xb5, 0x2f, 0xfd};

  /** Peeks at the first bytes of a mark-supporting stream. */
  static Compression detect(BufferedInputStream in) throws IOException {
    in.mark(4);
    int[] head = new int[4];
    for (int i = 0; i < head.length; i++) {
      head[i] = in.read();
    }
    in.reset();
    if (head[0] == GZIP_MAGIC_0 && head[1] == GZIP_MAGIC_1) {
      return GZIP;
    }
    if (head[0] == ZSTD_MAGIC[0]
        && head[1] == ZSTD_MAGIC[1]
        && head[2] == ZSTD_MAGIC[2]
        && head[3] == ZSTD_MAGIC[3]) {
      return ZSTD;
    }
    return NONE;
  }

  InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP ->
          GzipCompressorInputStream.builder()
              .setInputStream(in)
              .setDecompressConcatenated(true)
              .get();
      case ZSTD -> new ZstdInputStream(in);
    };
  }
}
