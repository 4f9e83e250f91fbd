package dev.portcullis.analyzer.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ELF tables, in every class and byte order, and what a hostile table gets. */
class ElfFileTest {

  private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.US_ASCII);

  private static ElfFile read(byte[] bytes) throws Exception {
    return ElfFile.read(ByteSource.of(bytes));
  }

  @ParameterizedTest
  @CsvSource({"true,LITTLE_ENDIAN", "true,BIG_ENDIAN", "false,LITTLE_ENDIAN", "false,BIG_ENDIAN"})
  void sectionsAndSegmentsAreReadInEveryClassAndByteOrder(boolean is64, String order)
      throws Exception {
    ByteOrder byteOrder =
        order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] bytes =
        new ElfBuilder(is64, byteOrder)
            .section(".text", 0x401000, new byte[64])
            .section(".payload", 0x402000, PAYLOAD)
            .load(".payload", ElfFile.PF_W | 4)
            .build();

    ElfFile elf = read(bytes);

    assertThat(elf.is64()).isEqualTo(is64);
    assertThat(elf.order()).isEqualTo(byteOrder);
    assertThat(elf.problems()).isEmpty();
    assertThat(elf.sections())
        .extracting(ElfFile.Section::name)
        .containsExactly("", ".text", ".payload", ".shstrtab");
    assertThat(elf.content(elf.section(".payload").orElseThrow(), 100)).isEqualTo(PAYLOAD);
    assertThat(elf.fileOffset(0x402003)).hasValue(elf.section(".payload").get().offset() + 3);
    assertThat(elf.fileOffset(0x402000 + PAYLOAD.length)).isEmpty();
  }

  @Test
  void aFileThatIsNotElfOrIsCutInItsHeaderIsRefused() {
    assertThatThrownBy(() -> read("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MalformedBinaryException.class);
    byte[] header = Arrays.copyOf(ElfBuilder.amd64().build(), 40);
    assertThatThrownBy(() -> read(header))
        .isInstanceOf(MalformedBinaryException.class)
        .hasMessageContaining("cut short");
    byte[] badClass = ElfBuilder.amd64().build();
    badClass[4] = 7;
    assertThatThrownBy(() -> read(badClass)).hasMessageContaining("unknown ELF class 7");
  }

  @Test
  void aSectionTableOutsideTheFileIsAProblemNotAnException() throws Exception {
    ElfBuilder builder = ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD);
    byte[] bytes = builder.build();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(40, 0x7fff_ffff_ffffL);

    ElfFile elf = read(bytes);

    assertThat(elf.sections()).isEmpty();
    assertThat(elf.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("section header table", "lies outside the file", "sections were not read");
  }

  @Test
  void aHugeExtendedSectionCountIsRefusedBeforeAnythingIsAllocated() throws Exception {
    ElfBuilder builder = ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD);
    byte[] bytes = builder.build();
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putShort(60, (short) 0); // e_shnum 0: the count is in section 0's sh_size
    buffer.putLong(builder.sectionTableOffset + 32, 4_000_000_000L);

    ElfFile elf = read(bytes);

    assertThat(elf.sections()).isEmpty();
    assertThat(elf.problems()).anyMatch(p -> p.contains("claims 4000000000 sections"));
  }

  @Test
  void sectionHeadersTooSmallForTheirClassAreRefused() throws Exception {
    byte[] bytes = ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD).build();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(58, (short) 8);

    assertThat(read(bytes).problems()).anyMatch(p -> p.contains("section headers of 8 bytes"));
  }

  @Test
  void aNameTableIndexOutOfRangeLeavesSectionsUnnamed() throws Exception {
    byte[] bytes = ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD).build();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(62, (short) 999);

    ElfFile elf = read(bytes);

    assertThat(elf.sections()).hasSize(3).allMatch(s -> s.name().isEmpty());
    assertThat(elf.section(".payload")).isEmpty();
  }

  @Test
  void aSectionWhoseContentLiesOutsideTheFileIsNotRead() throws Exception {
    ElfBuilder builder = ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD);
    byte[] bytes = builder.build();
    // Section 1's sh_offset points far beyond the end.
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(builder.sectionTableOffset + 64 + 24, 1L << 40);

    ElfFile elf = read(bytes);

    assertThatThrownBy(() -> elf.content(elf.section(".payload").orElseThrow(), 100))
        .isInstanceOf(MalformedBinaryException.class)
        .hasMessageContaining("section .payload at offset 1099511627776");
  }

  @Test
  void aSectionLargerThanTheReaderAllowsIsNotRead() throws Exception {
    ElfFile elf = read(ElfBuilder.amd64().section(".payload", 0x1000, new byte[4096]).build());

    assertThatThrownBy(() -> elf.content(elf.section(".payload").orElseThrow(), 1024))
        .hasMessageContaining("holds 4096 bytes, more than 1024");
  }

  @Test
  void aProgramHeaderTableOutsideTheFileLeavesTheSectionsUsable() throws Exception {
    ElfBuilder builder =
        ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD).load(".payload", 6);
    byte[] bytes = builder.build();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xfff0);

    ElfFile elf = read(bytes);

    assertThat(elf.segments()).isEmpty();
    assertThat(elf.section(".payload")).isPresent();
    assertThat(elf.problems()).anyMatch(p -> p.contains("program header table"));
  }

  @Test
  void theStreamIsReadOnlyAsFarAsTheTablesAndSectionsAsked() throws IOException {
    byte[] elf = ElfBuilder.amd64().section(".payload", 0x1000, PAYLOAD).build();
    byte[] file = Arrays.copyOf(elf, elf.length + 10_000_000);
    SpooledSource source =
        new SpooledSource(new byte[0], new ByteArrayInputStream(file), file.length);

    byte[] start = new byte[16];
    source.read(0, start, 0, 16);

    assertThat(source.consumed()).isLessThan(128 * 1024);
    source.close();
  }

  @Test
  void bytesBeyondTheInMemoryPartAreSpooledAndReadBack() throws IOException {
    byte[] file = new byte[SpooledSource.IN_MEMORY + 3_000_000];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (i * 31);
    }
    try (SpooledSource source =
        new SpooledSource(
            Arrays.copyOf(file, 4),
            new ByteArrayInputStream(file, 4, file.length - 4),
            file.length)) {
      byte[] across = new byte[1000];
      int n = source.read(SpooledSource.IN_MEMORY - 500, across, 0, 1000);

      assertThat(n).isEqualTo(1000);
      assertThat(across)
          .isEqualTo(
              Arrays.copyOfRange(
                  file, SpooledSource.IN_MEMORY - 500, SpooledSource.IN_MEMORY + 500));
      byte[] end = new byte[10];
      assertThat(source.read(file.length - 5, end, 0, 10)).isEqualTo(5);
    }
  }

  @Test
  void aStreamShorterThanItsDeclaredSizeReadsShortInsteadOfFailing() throws IOException {
    try (SpooledSource source =
        new SpooledSource(new byte[0], new ByteArrayInputStream(new byte[100]), 1_000_000)) {
      assertThat(source.read(50, new byte[200], 0, 200)).isEqualTo(50);
      assertThat(source.read(5000, new byte[10], 0, 10)).isZero();
    }
  }
}
