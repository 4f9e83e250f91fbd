package dev.portcullis.analyzer.golang;

import dev.portcullis.analyzer.elf.BinaryReader;
import dev.portcullis.analyzer.elf.ElfFile;
import dev.portcullis.analyzer.elf.MalformedBinaryException;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The build information the Go linker writes into every executable (what {@code go version -m}
 * prints), found as Go's own debug/buildinfo finds it: in the {@code .go.buildinfo} section, else
 * in the first 64 KiB of the first writable segment, at a 16-byte boundary, behind the magic {@code
 * "\xff Go buildinf:"}. Go 1.18 and later write the two strings inline, each behind its varint
 * length (flag 0x2); earlier versions point at two Go string headers, in the byte order flag 0x1
 * names and the pointer size the header gives.
 */
public final class GoBinaryReader implements BinaryReader {

  static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER_SIZE = 32;
  private static final int ALIGN = 16;
  private static final int SEARCH_SIZE = 64 * 1024;
  private static final int FLAG_BIG_ENDIAN = 0x1;
  private static final int FLAG_INLINE = 0x2;

  /**
   * Longer version or module strings are not read (the largest real ones are a few hundred KiB).
   */
  static final int MAX_STRING = 4 * 1024 * 1024;

  @Override
  public String what() {
    return "Go build information";
  }

  @Override
  public List<Package> read(ElfFile elf, String path) throws IOException, MalformedBinaryException {
    Optional<GoBuildInfo> info = buildInfo(elf);
    return info.isEmpty() ? List.of() : info.get().packages(path);
  }

  /** The build information, or empty if the file is not a Go executable. */
  static Optional<GoBuildInfo> buildInfo(ElfFile elf) throws IOException, MalformedBinaryException {
    OptionalLong start = OptionalLong.empty();
    long size = 0;
    Optional<ElfFile.Section> section = elf.section(".go.buildinfo");
    if (section.isPresent() && section.get().type() != ElfFile.SHT_NOBITS) {
      start = OptionalLong.of(section.get().offset());
      size = section.get().size();
    } else {
      for (ElfFile.Segment segment : elf.segments()) {
        if (segment.type() == ElfFile.PT_LOAD
            && (segment.flags() & (ElfFile.PF_X | ElfFile.PF_W)) == ElfFile.PF_W) {
          start = OptionalLong.of(segment.offset());
          size = segment.fileSize();
          break;
        }
      }
    }
    if (start.isEmpty() || size <= 0 || start.getAsLong() < 0) {
      return Optional.empty();
    }
    byte[] data = elf.bytesUpTo(start.getAsLong(), (int) Math.min(size, SEARCH_SIZE));
    int at = find(data);
    if (at < 0) {
      return Optional.empty();
    }
    long headerOffset = start.getAsLong() + at;
    int pointerSize = data[at + 14] & 0xff;
    int flags = data[at + 15] & 0xff;
    String version;
    String modinfo;
    if ((flags & FLAG_INLINE) != 0) {
      long position = headerOffset + HEADER_SIZE;
      byte[] first = inlineString(elf, position);
      position += varintLength(elf, position) + first.length;
      version = utf8(first);
      modinfo = utf8(inlineString(elf, position));
    } else {
      ByteOrder order =
          (flags & FLAG_BIG_ENDIAN) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      if (pointerSize != 4 && pointerSize != 8) {
        throw new MalformedBinaryException("a pointer size of " + pointerSize + " bytes");
      }
      ByteBuffer header = ByteBuffer.wrap(data, at, HEADER_SIZE).slice().order(order);
      long versionAddress = pointer(header, 16, pointerSize);
      long modinfoAddress = pointer(header, 16 + pointerSize, pointerSize);
      version = utf8(stringAt(elf, versionAddress, pointerSize, order, "the Go version"));
      modinfo = utf8(stringAt(elf, modinfoAddress, pointerSize, order, "the module information"));
    }
    if (version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(GoBuildInfo.parse(version, stripSentinels(modinfo)));
  }

  /** The first occurrence of the magic at a 16-byte boundary with a whole header behind it. */
  static int find(byte[] data) {
    for (int at = 0; at + HEADER_SIZE <= data.length; at += ALIGN) {
      if (data[at] == MAGIC[0] && matches(data, at)) {
        return at;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] data, int at) {
    for (int i = 1; i < MAGIC.length; i++) {
      if (data[at + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Module information is framed by two 16-byte sentinels; without them there is none. */
  static String stripSentinels(String modinfo) {
    if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
      return modinfo.substring(16, modinfo.length() - 16);
    }
    return "";
  }

  private static byte[] inlineString(ElfFile elf, long position)
      throws IOException, MalformedBinaryException {
    long length = varint(elf.bytesUpTo(position, 10));
    if (length > MAX_STRING) {
      throw new MalformedBinaryException(
          "a string of " + Long.toUnsignedString(length) + " bytes, more than " + MAX_STRING);
    }
    return elf.bytesAt(position + varintLength(elf, position), (int) length, "an inline string");
  }

  private static int varintLength(ElfFile elf, long position) throws IOException {
    byte[] bytes = elf.bytesUpTo(position, 10);
    for (int i = 0; i < bytes.length; i++) {
      if ((bytes[i] & 0x80) == 0) {
        return i + 1;
      }
    }
    return bytes.length;
  }

  /** An unsigned LEB128 varint, as Go's encoding/binary writes it. */
  static long varint(byte[] bytes) throws MalformedBinaryException {
    long value = 0;
    for (int i = 0; i < bytes.length && i < 10; i++) {
      int b = bytes[i] & 0xff;
      if (i == 9 && b > 1) {
        break;
      }
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedBinaryException("a string length that is not a valid varint");
  }

  private static long pointer(ByteBuffer buffer, int at, int size) {
    return size == 8 ? buffer.getLong(at) : Integer.toUnsignedLong(buffer.getInt(at));
  }

  /** A Go string header (data pointer, length) at a virtual address, and the bytes it names. */
  private static byte[] stringAt(
      ElfFile elf, long address, int pointerSize, ByteOrder order, String what)
      throws IOException, MalformedBinaryException {
    byte[] header = mapped(elf, address, 2 * pointerSize, what + " string header");
    ByteBuffer buffer = ByteBuffer.wrap(header).order(order);
    long dataAddress = pointer(buffer, 0, pointerSize);
    long length = pointer(buffer, pointerSize, pointerSize);
    if (length < 0 || length > MAX_STRING) {
      throw new MalformedBinaryException(
          what + " claims " + Long.toUnsignedString(length) + " bytes, more than " + MAX_STRING);
    }
    return length == 0 ? new byte[0] : mapped(elf, dataAddress, (int) length, what);
  }

  private static byte[] mapped(ElfFile elf, long address, int length, String what)
      throws IOException, MalformedBinaryException {
    OptionalLong offset = elf.fileOffset(address);
    if (offset.isEmpty() || elf.fileBytesFrom(address) < length) {
      throw new MalformedBinaryException(
          what
              + " at address 0x"
              + Long.toHexString(address)
              + " is not in any loadable segment of the file");
    }
    return elf.bytesAt(offset.getAsLong(), length, what);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
