package io.apigw5xx.responder.incident;

import java.util.Objects;

/**
 * A Slack message that later messages about the same incident reply to: the channel id and the parent
 * message's {@code ts}, kept as Slack wrote it (a string, never a number: "1710409337.000200").
 */
public record SlackThread(String channel, String ts) {

    public SlackThread {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
    }
}
