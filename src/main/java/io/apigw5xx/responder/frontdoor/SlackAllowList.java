package io.apigw5xx.responder.frontdoor;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Slack workspaces (team ids) and channels may start investigations; an empty set allows all. Checked
 * after the signature, so a refusal is shown to a genuine Slack user instead of an error.
 */
public record SlackAllowList(Set<String> teams, Set<String> channels) {

    public SlackAllowList {
        teams = Set.copyOf(teams);
        channels = Set.copyOf(channels);
    }

    public static SlackAllowList allowAll() {
        return new SlackAllowList(Set.of(), Set.of());
    }

    /** From comma-separated lists ("T0123,T0456"); blanks are ignored. */
    public static SlackAllowList parse(String teams, String channels) {
        return new SlackAllowList(ids(teams), ids(channels));
    }

    private static Set<String> ids(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Why this team/channel may not start an investigation, or empty when it may. */
    Optional<String> refusal(String team, String channel) {
        if (!teams.isEmpty() && (team == null || !teams.contains(team))) {
            return Optional.of("this Slack workspace may not start investigations here");
        }
        if (!channels.isEmpty() && (channel == null || !channels.contains(channel))) {
            return Optional.of("investigations cannot be started from this channel; use one of the on-call channels");
        }
        return Optional.empty();
    }
}
