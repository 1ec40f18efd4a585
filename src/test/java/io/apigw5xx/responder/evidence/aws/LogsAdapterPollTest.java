package io.apigw5xx.responder.evidence.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsAdapterPollTest {

    @Test
    void nextPoll_repeated_growsByHalfUpToTheCap() {
        List<Duration> waits = new ArrayList<>();
        Duration wait = LogsAdapter.FIRST_POLL;
        for (int i = 0; i < 6; i++) {
            waits.add(wait);
            wait = LogsAdapter.nextPoll(wait);
        }

        assertThat(waits).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(2250),
                Duration.ofMillis(3000), Duration.ofMillis(3000), Duration.ofMillis(3000));
    }

    @Test
    void nextPoll_queryTakingTwoSeconds_needsTwoPolls() {
        // EvidenceBenchmark's Insights query reports Running for 2 s; its call budget counts two GetQueryResults.
        Duration elapsed = Duration.ZERO;
        Duration wait = LogsAdapter.FIRST_POLL;
        int polls = 0;
        while (elapsed.compareTo(Duration.ofSeconds(2)) < 0) {
            elapsed = elapsed.plus(wait);
            wait = LogsAdapter.nextPoll(wait);
            polls++;
        }

        assertThat(polls).isEqualTo(2);
    }
}
