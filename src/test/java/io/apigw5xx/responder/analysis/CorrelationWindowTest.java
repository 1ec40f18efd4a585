package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrelationWindowTest {

    private final CorrelationWindow window = new CorrelationWindow(Instant.parse("2026-03-14T09:40:00Z"));

    @ParameterizedTest
    @CsvSource({
            "2026-03-14T09:40:59Z, PRIME", // inside the (floored) onset minute
            "2026-03-14T09:38:05Z, PRIME",
            "2026-03-14T09:35:00Z, PRIME",
            "2026-03-14T09:34:59Z, WIDE",
            "2026-03-14T09:20:00Z, WIDE",
            "2026-03-14T09:10:00Z, WIDE",
            "2026-03-14T09:09:59Z, NONE",
            "2026-03-14T09:41:00Z, NONE"}) // after the onset: a consequence or a fix, never a cause
    void fit_changeTimes_fallInTheRunbookWindows(String time, CorrelationWindow.Fit expected) {
        assertThat(window.fit(Instant.parse(time))).isEqualTo(expected);
    }
}
