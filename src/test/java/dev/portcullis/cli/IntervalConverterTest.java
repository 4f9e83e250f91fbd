package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class IntervalConverterTest {

  private final IntervalConverter converter = new IntervalConverter();

  @ParameterizedTest
  @CsvSource({"30s,PT30S", "30m,PT30M", "6h,PT6H", "1d,PT24H", "PT5M,PT5M", "pt2h,PT2H"})
  void shortFormsAndIso8601AreTheSameDurations(String text, String expected) {
    assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0m", "PT0S", "-PT5M", "soon", "5", "5 m", "1w", "9999999h", "P"})
  void anythingElseIsRefusedWithTheFormsItTakes(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("such as 30m, 6h or 1d");
  }
}
