package dev.portcullis.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagVersionTest {

  private static TagVersion tag(String text) {
    return TagVersion.parse(text).orElseThrow(() -> new AssertionError(text + " did not parse"));
  }

  private static List<BigInteger> numbers(long... values) {
    List<BigInteger> numbers = new ArrayList<>();
    for (long v : values) {
      numbers.add(BigInteger.valueOf(v));
    }
    return numbers;
  }

  /** Asserts the tags, all of one line, are listed oldest first. */
  private static void ascending(String... tags) {
    List<TagVersion> expected = new ArrayList<>();
    for (String t : tags) {
      expected.add(tag(t));
    }
    for (int i = 1; i < expected.size(); i++) {
      assertThat(expected.get(i).sameLine(expected.get(0))).as(tags[i]).isTrue();
    }
    List<TagVersion> shuffled = new ArrayList<>(expected);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertThat(shuffled).containsExactlyElementsOf(expected);
  }

  @Test
  void numbersThenVariantSuffix() {
    TagVersion python = tag("3.12-slim-bookworm");
    assertThat(python.prefix()).isEmpty();
    assertThat(python.numbers()).isEqualTo(numbers(3, 12));
    assertThat(python.suffix()).isEqualTo("-slim-bookworm");
    assertThat(python.isPrerelease()).isFalse();
    assertThat(python.line()).isEqualTo("{n}.{n}-slim-bookworm");
  }

  @Test
  void variantSuffixesAreNotPrereleases() {
    for (String t :
        List.of(
            "12.6-slim",
            "20.10-alpine3.19",
            "16.2-bookworm",
            "17-jdk",
            "21-jre-alpine",
            "1.21.6-windowsservercore-ltsc2022",
            "1.25.3-alpine-slim",
            "1.24.0-perl")) {
      assertThat(tag(t).isPrerelease()).as(t).isFalse();
    }
    assertThat(tag("1.25.3-alpine-slim").suffix()).isEqualTo("-alpine-slim");
  }

  @Test
  void prereleaseMarkersGluedOrAfterAHyphen() {
    for (String t :
        List.of(
            "3.13.0rc1",
            "3.13.0a2",
            "3.13.0b1",
            "3.13.0.dev0",
            "1.22rc2",
            "17beta1",
            "20.0.0-rc.1",
            "1.2-beta",
            "1.2-alpha.3",
            "1.2-pre",
            "1.2-preview2",
            "1.2-dev",
            "1.2-nightly",
            "1.2-SNAPSHOT",
            "3.13-rc")) {
      assertThat(tag(t).isPrerelease()).as(t).isTrue();
    }
  }

  @Test
  void prereleaseMarkerIsNotPartOfTheVariant() {
    assertThat(tag("3.13.0rc1-slim-bookworm").suffix()).isEqualTo("-slim-bookworm");
    assertThat(tag("20.0.0-rc.1-alpine").suffix()).isEqualTo("-alpine");
    assertThat(tag("17beta1-bookworm").sameLine(tag("16-bookworm"))).isTrue();
  }

  @Test
  void markerAfterTheVariantBelongsToTheVariant() {
    TagVersion late = tag("1.2-alpine-rc1");
    assertThat(late.isPrerelease()).isFalse();
    assertThat(late.suffix()).isEqualTo("-alpine-rc1");
    assertThat(late.sameLine(tag("1.3-alpine"))).isFalse();
  }

  @Test
  void lettersGluedToTheNumbersThatAreNoMarkerStartTheVariant() {
    assertThat(tag("1.2.RELEASE-jdk").suffix()).isEqualTo(".RELEASE-jdk");
    assertThat(tag("1.2.RELEASE-jdk").isPrerelease()).isFalse();
  }

  @Test
  void emptyTokensAndDanglingSeparatorsMakeNoVersion() {
    for (String t :
        List.of("1.2-", "1.2--slim", "1.2.", "1.2_", "1.2-slim-", "jammy--1", "v", "-")) {
      assertThat(TagVersion.parse(t)).as(t).isEmpty();
    }
  }

  @Test
  void oneLetterIsAPrereleaseOnlyWhenGluedAndNumbered() {
    assertThat(tag("1.2-b").isPrerelease()).isFalse();
    assertThat(tag("1.2a").isPrerelease()).isFalse();
    assertThat(tag("1.2a1").isPrerelease()).isTrue();
  }

  @Test
  void prereleasesSortDevAlphaBetaCandidateThenRelease() {
    ascending(
        "3.13.0.dev0",
        "3.13.0a2",
        "3.13.0a3",
        "3.13.0b1",
        "3.13.0rc1",
        "3.13.0rc2",
        "3.13.0rc10",
        "3.13.0",
        "3.13.1a1",
        "3.13.1");
    ascending(
        "1.0-nightly", "1.0-alpha", "1.0-beta.2", "1.0-beta.11", "1.0-pre", "1.0-rc.1", "1.0");
  }

  @Test
  void numbersCompareAsNumbersNotText() {
    ascending("1.9", "1.10", "1.11", "2.0", "10.0");
    assertThat(tag("1.07").sameVersion(tag("1.7"))).isTrue();
  }

  @Test
  void wordPrefixBeforeAHyphenIsPartOfTheLine() {
    TagVersion jammy = tag("jammy-20240125");
    assertThat(jammy.prefix()).isEqualTo("jammy-");
    assertThat(jammy.line()).isEqualTo("jammy-{yyyyMMdd}");
    assertThat(jammy.sameLine(tag("noble-20240423"))).isFalse();
    assertThat(tag("nanoserver-1809").prefix()).isEqualTo("nanoserver-");
  }

  @Test
  void oneLetterPrefixMayBeGluedToTheNumbers() {
    assertThat(tag("v1.2.3").prefix()).isEqualTo("v");
    assertThat(tag("v1.2.3").numbers()).isEqualTo(numbers(1, 2, 3));
    assertThat(tag("r1.2").prefix()).isEqualTo("r");
    assertThat(tag("v1.2.3").sameLine(tag("1.2.4"))).isFalse();
  }

  @Test
  void wordGluedToNumbersNamesAVariantNotAVersion() {
    for (String t : List.of("alpine3.19", "jdk17", "lts-alpine3.19", "current-alpine3.19")) {
      assertThat(TagVersion.parse(t)).as(t).isEmpty();
    }
  }

  @Test
  void tagsWithoutNumbersAreNotVersions() {
    for (String t :
        List.of(
            "latest",
            "stable",
            "edge",
            "nightly",
            "lts",
            "mainline",
            "bookworm",
            "bookworm-slim",
            "alpine",
            "current-alpine",
            "stable-alpine",
            "windowsservercore-ltsc2022")) {
      assertThat(TagVersion.parse(t)).as(t).isEmpty();
    }
  }

  @Test
  void temurinBuildNumberIsTheLastNumberOfItsOwnLine() {
    TagVersion temurin = tag("17.0.10_7-jdk");
    assertThat(temurin.numbers()).isEqualTo(numbers(17, 0, 10, 7));
    assertThat(temurin.suffix()).isEqualTo("-jdk");
    assertThat(temurin.line()).isEqualTo("{n}.{n}.{n}_{n}-jdk");
    assertThat(temurin.sameLine(tag("17.0.10-jdk"))).isFalse();
    assertThat(temurin.sameLine(tag("17.0.10.7-jdk"))).isFalse();
    ascending("17.0.9_9-jdk", "17.0.10_7-jdk", "17.0.10_8-jdk", "17.0.11_9-jdk", "21.0.2_13-jdk");
  }

  @Test
  void javaEightUpdateAndBuildAreNumbersNotABeta() {
    TagVersion eight = tag("8u402-b06-jdk-jammy");
    assertThat(eight.numbers()).isEqualTo(numbers(8, 402, 6));
    assertThat(eight.isPrerelease()).isFalse();
    assertThat(eight.suffix()).isEqualTo("-jdk-jammy");
    ascending("8u392-b08-jdk", "8u402-b06-jdk", "8u402-b07-jdk", "8u412-b08-jdk");
  }

  @Test
  void eightDigitDayIsADate() {
    assertThat(tag("20240125").isDate()).isTrue();
    assertThat(tag("jammy-20240125").isDate()).isTrue();
    TagVersion slim = tag("bookworm-20240110-slim");
    assertThat(slim.isDate()).isTrue();
    assertThat(slim.prefix()).isEqualTo("bookworm-");
    assertThat(slim.suffix()).isEqualTo("-slim");
    assertThat(tag("20240229").isDate()).isTrue();
  }

  @Test
  void eightDigitsThatAreNoPlausibleDayAreAPlainNumber() {
    for (String t :
        List.of("20241301", "20240230", "20230229", "19891231", "21010101", "12345678")) {
      assertThat(tag(t).isDate()).as(t).isFalse();
    }
  }

  @Test
  void dateAndPlainNumberOfTheSameShapeAreDifferentLines() {
    assertThat(tag("20240125").sameLine(tag("12"))).isFalse();
    assertThat(tag("20240125").sameLine(tag("20240126"))).isTrue();
  }

  @Test
  void yearThenMonthIsACalendarVersion() {
    assertThat(tag("2024.01.25").isDate()).isTrue();
    assertThat(tag("2024.1.0").isDate()).isTrue();
    assertThat(tag("2024.1.0").sameLine(tag("2024.12.10"))).isTrue();
    assertThat(tag("22.04").isDate()).isFalse();
    assertThat(tag("2024.13.1").isDate()).isFalse();
  }

  @Test
  void variantsOfOneVersionAreTheSameVersionOnDifferentLines() {
    assertThat(tag("12.6").sameVersion(tag("12.6-slim"))).isTrue();
    assertThat(tag("12.6").sameLine(tag("12.6-slim"))).isFalse();
    assertThat(tag("12.6").sameVersion(tag("12.6.0"))).isFalse();
    assertThat(tag("12.6").sameVersion(tag("12.7-slim"))).isFalse();
  }

  @Test
  void precisionIsPartOfTheLine() {
    assertThat(tag("20.10").sameLine(tag("20.11"))).isTrue();
    assertThat(tag("20.10").sameLine(tag("20.11.1"))).isFalse();
    assertThat(tag("20").sameLine(tag("20.11"))).isFalse();
  }

  @Test
  void dockerCapsTagsAt128Characters() {
    String longest = "1." + "1".repeat(126);
    assertThat(longest).hasSize(128);
    assertThat(TagVersion.parse(longest)).isPresent();
    assertThat(TagVersion.parse(longest + "1")).isEmpty();
    assertThat(TagVersion.parse("1.2-" + "slim".repeat(40))).isEmpty();
  }

  @Test
  void charactersDockerRejectsMakeNoVersion() {
    for (String t :
        List.of(
            "",
            "1.2+build",
            "1.2 ",
            " 1.2",
            "1.2/3",
            ".1.2",
            "-1.2",
            "1.2\n",
            "１.２",
            "١٢.٣",
            "1.2:3",
            "1.2@sha256")) {
      assertThat(TagVersion.parse(t)).as(t).isEmpty();
    }
    assertThat(TagVersion.parse(null)).isEmpty();
  }

  @Test
  void numbersBeyondLongRangeStillCompare() {
    TagVersion huge = tag("99999999999999999999999.1");
    assertThat(huge.numbers().get(0)).isEqualTo(new BigInteger("99999999999999999999999"));
    ascending("9223372036854775807.1", "9223372036854775808.1", "99999999999999999999999.1");
    ascending("1.0-rc.9223372036854775808", "1.0-rc.99999999999999999999", "1.0");
  }

  @Test
  void manyComponentsParse() {
    String many = String.join(".", Collections.nCopies(64, "1"));
    assertThat(tag(many).numbers()).hasSize(64);
  }

  @Test
  void equalTagsAreEqualAndDifferentSpellingsAreNot() {
    assertThat(tag("1.7")).isEqualTo(tag("1.7")).hasSameHashCodeAs(tag("1.7"));
    assertThat(tag("1.07")).isNotEqualTo(tag("1.7"));
    assertThat(tag("1.07").compareTo(tag("1.7"))).isNotZero();
  }
}
