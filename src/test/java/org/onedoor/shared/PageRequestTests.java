package org.onedoor.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageRequestTests {

    @Test
    void defaultsToTheFirstPageOfFifty() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, 50));
        assertThat(new PageRequest(3, 20).offset()).isEqualTo(60);
    }

    @Test
    void refusesSizesOverTheCapWithItsOwnCode() {
        assertThatThrownBy(() -> PageRequest.of(0, 501)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo("page-size-over-cap"));
        assertThat(PageRequest.of(0, 500).size()).isEqualTo(500);
    }

    @Test
    void refusesNegativePagesAndEmptySizes() {
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(InvalidParameter.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(InvalidParameter.class);
    }
}
