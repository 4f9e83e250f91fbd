package dev.portcullis.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpdateCandidatesTest {

  @Test
  void noteExplainsOnlyTheAbsenceOfAProposal() {
    assertThat(new UpdateCandidates("12.5", "12.6", null, null).proposes()).isTrue();
    assertThat(UpdateCandidates.none("13.0", "already the newest").proposes()).isFalse();
    assertThatThrownBy(() -> new UpdateCandidates("12.5", "12.6", null, "why"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UpdateCandidates("12.5", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
