package dev.portcullis.analyzer.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ELF files in code: the clearest way to show one rule of the format, or to break one
 * table on purpose. Real executables come from {@link RealInputs}. Layout: header, program headers,
 * section contents (16-byte aligned), the section name table, then the section header table, as GNU
 * ld lays them out.
 */
public final class ElfBuilder {

  private record Sec(String name, int type, long flags, long address, byte[] content) {}

  private record Seg(String section, int flags) {}

  private final boolean is64;
  private final ByteOrder order;
  private final List<Sec> sections = new ArrayList<>();
  private final List<Seg> segments = new ArrayList<>();

  /** Where the last {@link #build} put things, for tests that corrupt them. */
  public int sectionTableOffset;

  public int programTableOffset;

  public ElfBuilder(boolean is64, ByteOrder order) {
    this.is64 = is64;
    this.order = order;
  }

  public static ElfBuilder amd64() {
    return new ElfBuilder(true, ByteOrder.LITTLE_ENDIAN);
  }

  /** A PROGBITS section at a virtual address. */
  public ElfBuilder section(String name, long address, byte[] content) {
    sections.add(new Sec(name, 1, address == 0 ? 0 : 2, address, content));
    return this;
  }

  /** A loadable segment exactly covering a section, with PF_* flags (4 R, 2 W, 1 X). */
  public ElfBuilder load(String sectionName, int flags) {
    segments.add(new Seg(sectionName, flags));
    return this;
  }

  public int headerSize() {
    return is64 ? 64 : 52;
  }

  public byte[] build() {
    int phentsize = is64 ? 56 : 32;
    int shentsize = is64 ? 64 : 40;
    programTableOffset = headerSize();
    int position = programTableOffset + segments.size() * phentsize;
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    names.write(0);
    List<long[]> placed = new ArrayList<>();
    for (Sec sec : sections) {
      position = align(position, 16);
      placed.add(new long[] {name(names, sec.name()), position});
      position += sec.content().length;
    }
    int namesIndex = sections.size() + 1;
    long shstrtabName = name(names, ".shstrtab");
    int namesOffset = position;
    byte[] nameBytes = names.toByteArray();
    position += nameBytes.length;
    sectionTableOffset = align(position, 8);
    int total = sectionTableOffset + (sections.size() + 2) * shentsize;
    ByteBuffer out = ByteBuffer.allocate(total).order(order);

    out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1)});
    out.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2));
    out.put((byte) 1);
    out.position(16);
    out.putShort((short) 2); // ET_EXEC
    out.putShort((short) (is64 ? 62 : 3));
    out.putInt(1);
    putWord(out, 0); // entry
    putWord(out, segments.isEmpty() ? 0 : programTableOffset);
    putWord(out, sectionTableOffset);
    out.putInt(0);
    out.putShort((short) headerSize());
    out.putShort((short) phentsize);
    out.putShort((short) segments.size());
    out.putShort((short) shentsize);
    out.putShort((short) (sections.size() + 2));
    out.putShort((short) namesIndex);

    for (Seg seg : segments) {
      int index = indexOf(seg.section());
      Sec sec = sections.get(index);
      long offset = placed.get(index)[1];
      if (is64) {
        out.putInt(1).putInt(seg.flags()).putLong(offset).putLong(sec.address());
        out.putLong(sec.address()).putLong(sec.content().length).putLong(sec.content().length);
        out.putLong(16);
      } else {
        out.putInt(1).putInt((int) offset).putInt((int) sec.address()).putInt((int) sec.address());
        out.putInt(sec.content().length).putInt(sec.content().length).putInt(seg.flags());
        out.putInt(16);
      }
    }
    for (int i = 0; i < sections.size(); i++) {
      out.position((int) placed.get(i)[1]);
      out.put(sections.get(i).content());
    }
    out.position(namesOffset);
    out.put(nameBytes);

    out.position(sectionTableOffset);
    out.put(new byte[shentsize]);
    for (int i = 0; i < sections.size(); i++) {
      Sec sec = sections.get(i);
      sectionHeader(
          out,
          placed.get(i)[0],
          sec.type(),
          sec.flags(),
          sec.address(),
          placed.get(i)[1],
          sec.content().length);
    }
    sectionHeader(out, shstrtabName, 3, 0, 0, namesOffset, nameBytes.length);
    return out.array();
  }

  private int indexOf(String name) {
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no section " + name);
  }

  private void sectionHeader(
      ByteBuffer out, long name, int type, long flags, long address, long offset, long size) {
    out.putInt((int) name).putInt(type);
    putWord(out, flags);
    putWord(out, address);
    putWord(out, offset);
    putWord(out, size);
    out.putInt(0).putInt(0);
    putWord(out, 1);
    putWord(out, 0);
  }

  private void putWord(ByteBuffer out, long value) {
    if (is64) {
      out.putLong(value);
    } else {
      out.putInt((int) value);
    }
  }

  private static long name(ByteArrayOutputStream names, String name) {
    long offset = names.size();
    names.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
    names.write(0);
    return offset;
  }

  private static int align(int value, int alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }
}
