package dev.portcullis.analyzer.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The section and program header tables of an ELF file (32 or 64 bit, either byte order), read
 * through a {@link ByteSource} with every count, offset and size checked against the file before it
 * is used. A table that does not fit the file is reported by {@link MalformedBinaryException}
 * rather than followed.
 */
public final class ElfFile {

  /** One section, named from the section name table. */
  public record Section(String name, int type, long flags, long address, long offset, long size) {}

  /** One program header (segment). */
  public record Segment(int type, int flags, long offset, long address, long fileSize) {}

  public static final int SHT_NOBITS = 8;
  public static final int PT_LOAD = 1;
  public static final int PF_X = 1;
  public static final int PF_W = 2;

  /** More program headers than any linker writes: the rest are not read. */
  static final int MAX_SEGMENTS = 4096;

  /** More sections than any linked executable has: the table is not read. */
  static final int MAX_SECTIONS = 65_536;

  /** A section name table larger than this is not read. */
  static final int MAX_NAME_TABLE = 4 * 1024 * 1024;

  private static final int SHN_XINDEX = 0xffff;
  private static final int PN_XNUM = 0xffff;

  private final ByteSource source;
  private final boolean is64;
  private final ByteOrder order;
  private final int machine;
  private final List<Section> sections;
  private final List<Segment> segments;
  private final List<String> problems;

  private ElfFile(
      ByteSource source,
      boolean is64,
      ByteOrder order,
      int machine,
      List<Section> sections,
      List<Segment> segments,
      List<String> problems) {
    this.problems = List.copyOf(problems);
    this.source = source;
    this.is64 = is64;
    this.order = order;
    this.machine = machine;
    this.sections = sections;
    this.segments = segments;
  }

  /** Whether the bytes start with the ELF magic number. */
  public static boolean isElf(byte[] start) {
    return start.length >= 4
        && start[0] == 0x7f
        && start[1] == 'E'
        && start[2] == 'L'
        && start[3] == 'F';
  }

  /**
   * Reads the header and both tables. Only a header that is not ELF, or cut short, is fatal; a
   * table that does not fit the file is left out and named in {@link #problems}.
   */
  public static ElfFile read(ByteSource source) throws IOException, MalformedBinaryException {
    byte[] ident = new byte[16];
    int read = readAll(source, 0, ident);
    if (read < 4 || !isElf(ident)) {
      throw new MalformedBinaryException("not an ELF file");
    }
    if (read < 16) {
      throw new MalformedBinaryException("ELF header is cut short: the file ends early");
    }
    boolean is64 =
        switch (ident[4]) {
          case 1 -> false;
          case 2 -> true;
          default -> throw new MalformedBinaryException("unknown ELF class " + ident[4]);
        };
    ByteOrder order =
        switch (ident[5]) {
          case 1 -> ByteOrder.LITTLE_ENDIAN;
          case 2 -> ByteOrder.BIG_ENDIAN;
          default -> throw new MalformedBinaryException("unknown ELF byte order " + ident[5]);
        };
    int headerSize = is64 ? 64 : 52;
    ByteBuffer header =
        ByteBuffer.wrap(readFully(source, 0, headerSize, "ELF header")).order(order);
    header.position(18);
    int machine = Short.toUnsignedInt(header.getShort());
    header.position(is64 ? 32 : 28);
    long phoff = is64 ? header.getLong() : Integer.toUnsignedLong(header.getInt());
    long shoff = is64 ? header.getLong() : Integer.toUnsignedLong(header.getInt());
    header.position(is64 ? 54 : 42);
    int phentsize = Short.toUnsignedInt(header.getShort());
    int phnum = Short.toUnsignedInt(header.getShort());
    int shentsize = Short.toUnsignedInt(header.getShort());
    int shnum = Short.toUnsignedInt(header.getShort());
    int shstrndx = Short.toUnsignedInt(header.getShort());

    // A broken table costs only what needs it: Go's build information can be found through
    // either table, so one bad table is a problem to report, not the end of the file.
    Reader reader = new Reader(source, is64, order);
    List<String> problems = new ArrayList<>();
    List<Section> sections = List.of();
    if (shoff != 0) {
      try {
        sections = reader.sections(shoff, shentsize, shnum, shstrndx);
      } catch (MalformedBinaryException e) {
        problems.add(e.getMessage() + "; its sections were not read");
      }
    }
    if (phnum == PN_XNUM && !sections.isEmpty()) {
      phnum = reader.extendedProgramHeaderCount;
    }
    List<Segment> segments = List.of();
    if (phoff != 0) {
      try {
        segments = reader.segments(phoff, phentsize, phnum);
      } catch (MalformedBinaryException e) {
        problems.add(e.getMessage() + "; its segments were not read");
      }
    }
    return new ElfFile(source, is64, order, machine, sections, segments, problems);
  }

  public boolean is64() {
    return is64;
  }

  public ByteOrder order() {
    return order;
  }

  /** The e_machine number (62 x86-64, 3 i386, 22 s390, 183 aarch64 …). */
  public int machine() {
    return machine;
  }

  /** What was wrong with the tables, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  public List<Section> sections() {
    return sections;
  }

  public List<Segment> segments() {
    return segments;
  }

  /** The first section of that name. */
  public Optional<Section> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * A section's content, if it has some in the file and no more than {@code max} bytes of it.
   *
   * @throws MalformedBinaryException if the section is larger than {@code max} or lies outside the
   *     file
   */
  public byte[] content(Section section, int max) throws IOException, MalformedBinaryException {
    if (section.type() == SHT_NOBITS) {
      return new byte[0];
    }
    if (section.size() > max) {
      throw new MalformedBinaryException(
          "section " + section.name() + " holds " + section.size() + " bytes, more than " + max);
    }
    return bytesAt(section.offset(), (int) section.size(), "section " + section.name());
  }

  /** {@code length} bytes at a file offset, all of them or a {@link MalformedBinaryException}. */
  public byte[] bytesAt(long offset, int length, String what)
      throws IOException, MalformedBinaryException {
    if (offset < 0 || length < 0 || offset > source.size() - length) {
      throw new MalformedBinaryException(
          what
              + " at offset "
              + Long.toUnsignedString(offset)
              + " ("
              + length
              + " bytes) lies outside the file of "
              + source.size()
              + " bytes");
    }
    return readFully(source, offset, length, what);
  }

  /** Up to {@code length} bytes at a file offset, fewer where the file ends. */
  public byte[] bytesUpTo(long offset, int length) throws IOException {
    long available = Math.max(0, Math.min(length, source.size() - offset));
    if (offset < 0 || available == 0) {
      return new byte[0];
    }
    byte[] bytes = new byte[(int) available];
    int read = readAll(source, offset, bytes);
    return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
  }

  /** The file offset that holds a virtual address, from the loadable segments. */
  public OptionalLong fileOffset(long address) {
    for (Segment segment : segments) {
      if (segment.type() == PT_LOAD
          && Long.compareUnsigned(address, segment.address()) >= 0
          && Long.compareUnsigned(address - segment.address(), segment.fileSize()) < 0) {
        return OptionalLong.of(segment.offset() + (address - segment.address()));
      }
    }
    return OptionalLong.empty();
  }

  /**
   * How many bytes from a virtual address on are backed by the file within its segment: reading
   * further would leave the segment.
   */
  public long fileBytesFrom(long address) {
    for (Segment segment : segments) {
      if (segment.type() == PT_LOAD
          && Long.compareUnsigned(address, segment.address()) >= 0
          && Long.compareUnsigned(address - segment.address(), segment.fileSize()) < 0) {
        return segment.fileSize() - (address - segment.address());
      }
    }
    return 0;
  }

  private static byte[] readFully(ByteSource source, long offset, int length, String what)
      throws IOException, MalformedBinaryException {
    byte[] bytes = new byte[length];
    if (readAll(source, offset, bytes) < length) {
      throw new MalformedBinaryException(what + " is cut short: the file ends early");
    }
    return bytes;
  }

  private static int readAll(ByteSource source, long offset, byte[] bytes) throws IOException {
    int done = 0;
    while (done < bytes.length) {
      int n = source.read(offset + done, bytes, done, bytes.length - done);
      if (n <= 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  /** Reads the tables; knows the sizes of entries of either class. */
  private static final class Reader {
    private final ByteSource source;
    private final boolean is64;
    private final ByteOrder order;
    private int extendedProgramHeaderCount;

    Reader(ByteSource source, boolean is64, ByteOrder order) {
      this.source = source;
      this.is64 = is64;
      this.order = order;
    }

    List<Section> sections(long shoff, int entrySize, int count, int nameIndex)
        throws IOException, MalformedBinaryException {
      int minimum = is64 ? 64 : 40;
      if (entrySize < minimum) {
        throw new MalformedBinaryException(
            "section headers of " + entrySize + " bytes, fewer than the " + minimum + " required");
      }
      // Section 0 holds the real counts where they do not fit the ELF header's 16 bits.
      ByteBuffer first = entry(shoff, entrySize, "section header table");
      long realCount = count;
      if (count == 0) {
        realCount = is64 ? first.getLong(32) : Integer.toUnsignedLong(first.getInt(20));
      }
      if (nameIndex == SHN_XINDEX) {
        nameIndex = first.getInt(is64 ? 40 : 24);
      }
      extendedProgramHeaderCount = first.getInt(is64 ? 44 : 28);
      if (realCount < 0 || realCount > MAX_SECTIONS) {
        throw new MalformedBinaryException(
            "the section header table claims "
                + Long.toUnsignedString(realCount)
                + " sections, more than "
                + MAX_SECTIONS);
      }
      int n = (int) realCount;
      byte[] table = tableBytes(shoff, entrySize, n, "section header table");
      ByteBuffer buffer = ByteBuffer.wrap(table).order(order);
      List<long[]> raw = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int base = i * entrySize;
        long[] fields = new long[6];
        fields[0] = Integer.toUnsignedLong(buffer.getInt(base));
        fields[1] = Integer.toUnsignedLong(buffer.getInt(base + 4));
        if (is64) {
          fields[2] = buffer.getLong(base + 8);
          fields[3] = buffer.getLong(base + 16);
          fields[4] = buffer.getLong(base + 24);
          fields[5] = buffer.getLong(base + 32);
        } else {
          fields[2] = Integer.toUnsignedLong(buffer.getInt(base + 8));
          fields[3] = Integer.toUnsignedLong(buffer.getInt(base + 12));
          fields[4] = Integer.toUnsignedLong(buffer.getInt(base + 16));
          fields[5] = Integer.toUnsignedLong(buffer.getInt(base + 20));
        }
        raw.add(fields);
      }
      byte[] names = nameTable(raw, nameIndex);
      List<Section> sections = new ArrayList<>(n);
      for (long[] f : raw) {
        sections.add(new Section(name(names, f[0]), (int) f[1], f[2], f[3], f[4], f[5]));
      }
      return List.copyOf(sections);
    }

    private byte[] nameTable(List<long[]> raw, int index)
        throws IOException, MalformedBinaryException {
      if (index == 0 || index >= raw.size()) {
        // No names: sections can still be counted, just not found by name.
        return new byte[0];
      }
      long[] table = raw.get(index);
      if (table[5] > MAX_NAME_TABLE) {
        throw new MalformedBinaryException(
            "the section name table holds "
                + Long.toUnsignedString(table[5])
                + " bytes, more than "
                + MAX_NAME_TABLE);
      }
      long offset = table[4];
      int size = (int) table[5];
      if (offset < 0 || offset > source.size() - size) {
        throw new MalformedBinaryException(
            "the section name table at offset "
                + Long.toUnsignedString(offset)
                + " lies outside the file of "
                + source.size()
                + " bytes");
      }
      return readFully(source, offset, size, "section name table");
    }

    private static String name(byte[] names, long offset) {
      if (offset < 0 || offset >= names.length) {
        return "";
      }
      int end = (int) offset;
      while (end < names.length && names[end] != 0) {
        end++;
      }
      return new String(names, (int) offset, end - (int) offset, StandardCharsets.ISO_8859_1);
    }

    List<Segment> segments(long phoff, int entrySize, int count)
        throws IOException, MalformedBinaryException {
      int minimum = is64 ? 56 : 32;
      if (count == 0) {
        return List.of();
      }
      if (entrySize < minimum) {
        throw new MalformedBinaryException(
            "program headers of " + entrySize + " bytes, fewer than the " + minimum + " required");
      }
      int n = Math.min(count, MAX_SEGMENTS);
      byte[] table = tableBytes(phoff, entrySize, n, "program header table");
      ByteBuffer buffer = ByteBuffer.wrap(table).order(order);
      List<Segment> segments = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int base = i * entrySize;
        int type = buffer.getInt(base);
        if (is64) {
          segments.add(
              new Segment(
                  type,
                  buffer.getInt(base + 4),
                  buffer.getLong(base + 8),
                  buffer.getLong(base + 16),
                  buffer.getLong(base + 32)));
        } else {
          segments.add(
              new Segment(
                  type,
                  buffer.getInt(base + 24),
                  Integer.toUnsignedLong(buffer.getInt(base + 4)),
                  Integer.toUnsignedLong(buffer.getInt(base + 8)),
                  Integer.toUnsignedLong(buffer.getInt(base + 16))));
        }
      }
      return List.copyOf(segments);
    }

    private ByteBuffer entry(long offset, int entrySize, String what)
        throws IOException, MalformedBinaryException {
      return ByteBuffer.wrap(tableBytes(offset, entrySize, 1, what)).order(order);
    }

    private byte[] tableBytes(long offset, int entrySize, int count, String what)
        throws IOException, MalformedBinaryException {
      long length = (long) entrySize * count;
      if (offset < 0 || offset > source.size() || length > source.size() - offset) {
        throw new MalformedBinaryException(
            "the "
                + what
                + " at offset "
                + Long.toUnsignedString(offset)
                + " ("
                + count
                + " entries of "
                + entrySize
                + " bytes) lies outside the file of "
                + source.size()
                + " bytes");
      }
      return readFully(source, offset, (int) length, what);
    }
  }
}
