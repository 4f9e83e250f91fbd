package dev.portcullis.analyzer.rpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An rpm header blob as the rpm database stores it: index entry count, data length, 16-byte index
 * entries (tag, type, offset, count) and the data store. Every offset is bounds-checked.
 */
final class RpmHeader {

  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int LICENSE = 1014;
  static final int VENDOR = 1011;
  static final int ARCH = 1022;
  static final int SOURCERPM = 1044;
  static final int DIRINDEXES = 1116;
  static final int BASENAMES = 1117;
  static final int DIRNAMES = 1118;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;
  private static final int MAX_ENTRIES = 0xffff;

  private record Entry(int type, int offset, int count) {}

  private final ByteBuffer data;
  private final Map<Integer, Entry> entries = new HashMap<>();

  private RpmHeader(ByteBuffer data) {
    this.data = data;
  }

  /** Parses a blob; throws {@link IllegalArgumentException} on anything malformed. */
  static RpmHeader parse(byte[] blob) {
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    require(blob.length >= 8, "header shorter than 8 bytes");
    int indexCount = buffer.getInt();
    int dataLength = buffer.getInt();
    require(
        indexCount > 0 && indexCount <= MAX_ENTRIES, "implausible index entry count " + indexCount);
    long dataStart = 8L + 16L * indexCount;
    require(
        dataLength >= 0 && dataStart + dataLength <= blob.length, "header data runs past the blob");
    RpmHeader header = new RpmHeader(ByteBuffer.wrap(blob, (int) dataStart, dataLength).slice());
    for (int i = 0; i < indexCount; i++) {
      int tag = buffer.getInt();
      int type = buffer.getInt();
      int offset = buffer.getInt();
      int count = buffer.getInt();
      require(
          offset >= 0 && offset < Math.max(dataLength, 1) && count >= 0,
          "index entry " + tag + " points outside the data");
      header.entries.put(tag, new Entry(type, offset, count));
    }
    return header;
  }

  String string(int tag) {
    Entry entry = entries.get(tag);
    if (entry == null
        || (entry.type != TYPE_STRING
            && entry.type != TYPE_I18NSTRING
            && entry.type != TYPE_STRING_ARRAY)) {
      return null;
    }
    return readStrings(entry.offset, 1).get(0);
  }

  Integer int32(int tag) {
    Entry entry = entries.get(tag);
    if (entry == null || entry.type != TYPE_INT32 || entry.count < 1) {
      return null;
    }
    require(entry.offset + 4 <= data.limit(), "int32 tag " + tag + " runs past the data");
    return data.getInt(entry.offset);
  }

  int[] int32Array(int tag) {
    Entry entry = entries.get(tag);
    if (entry == null || entry.type != TYPE_INT32) {
      return new int[0];
    }
    require(
        (long) entry.offset + 4L * entry.count <= data.limit(),
        "int32 array tag " + tag + " runs past the data");
    int[] values = new int[entry.count];
    for (int i = 0; i < entry.count; i++) {
      values[i] = data.getInt(entry.offset + 4 * i);
    }
    return values;
  }

  List<String> stringArray(int tag) {
    Entry entry = entries.get(tag);
    if (entry == null || entry.type != TYPE_STRING_ARRAY) {
      return List.of();
    }
    return readStrings(entry.offset, entry.count);
  }

  private List<String> readStrings(int offset, int count) {
    List<String> strings = new ArrayList<>(Math.min(count, 1 << 16));
    int position = offset;
    for (int i = 0; i < count; i++) {
      int end = position;
      while (end < data.limit() && data.get(end) != 0) {
        end++;
      }
      require(end < data.limit(), "string runs past the data");
      byte[] bytes = new byte[end - position];
      data.get(position, bytes);
      strings.add(new String(bytes, StandardCharsets.UTF_8));
      position = end + 1;
    }
    return strings;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException("malformed rpm header: " + problem);
    }
  }
}
