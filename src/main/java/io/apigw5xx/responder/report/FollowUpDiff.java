package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import java.util.ArrayList;
import java.util.List;

/**
 * What a later investigation of the same alarm transition found that the first did not: another top cause,
 * the top cause's confidence moved, new change evidence (CloudTrail caught up), or an actor now known for a
 * change the first read saw without one. A pure comparison of two findings.
 *
 * @param lines one line each, for the update message; empty when nothing changed
 * @param topCauseChanged the top cause is another kind: the update is broadcast to the channel
 */
public record FollowUpDiff(List<String> lines, boolean topCauseChanged) {

    public FollowUpDiff {
        lines = List.copyOf(lines);
    }

    public boolean changed() {
        return !lines.isEmpty();
    }

    public static FollowUpDiff between(Findings firstRaw, Findings nowRaw) {
        Findings first = Redactor.redact(firstRaw);
        Findings now = Redactor.redact(nowRaw);
        List<String> lines = new ArrayList<>();
        Cause was = first.topCause();
        Cause is = now.topCause();
        boolean kindChanged = was != null && is != null && was.kind() != is.kind();
        if (kindChanged) {
            lines.add("Likely cause is now " + is.title() + " (" + is.confidence() + "), was " + was.title()
                    + " (" + was.confidence() + ")");
        } else if (was != null && is != null && was.confidence() != is.confidence()) {
            lines.add("Confidence in " + is.title() + " moved to " + is.confidence() + " (was " + was.confidence() + ")");
        }
        List<EvidenceItem> before = new ArrayList<>(ChangeEvidence.of(first));
        for (EvidenceItem e : ChangeEvidence.of(now)) {
            EvidenceItem match = before.stream().filter(b -> ChangeEvidence.sameChange(b, e)).findFirst().orElse(null);
            if (match == null) {
                lines.add("New change: " + Timeline.time(e.time()) + " " + e.summary() + (e.actor() == null ? "" : " by " + e.actor()));
                continue;
            }
            before.remove(match);
            if (e.actor() != null && match.actor() == null) {
                lines.add("Now known who: " + Timeline.time(e.time()) + " " + e.summary() + " by " + e.actor());
            }
        }
        return new FollowUpDiff(lines, kindChanged);
    }
}
