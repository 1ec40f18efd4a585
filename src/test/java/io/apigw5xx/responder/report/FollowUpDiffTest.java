package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpDiffTest {

    private static Findings with(Findings f, List<Cause> causes, Instant generatedAt) {
        return new Findings(f.incident(), f.window(), f.onset(), f.severity(), f.errorRatePercent(), f.errors(), f.requests(),
                f.statusMix(), f.pattern(), causes, f.checkedClean(), f.gaps(), f.notes(), generatedAt, f.awsCalls());
    }

    private static Cause withEvidence(Cause c, Confidence confidence, List<EvidenceItem> evidence) {
        return new Cause(c.kind(), c.title(), confidence, c.why(), evidence, c.nextCommands());
    }

    @Test
    void between_sameFindingsReadLater_isUnchangedAndRendersTheConfirmedLine() {
        Findings first = SampleFindings.deployRegression();
        Findings later = with(first, first.causes(), Instant.parse("2026-11-23T09:54:30Z"));

        FollowUpDiff diff = FollowUpDiff.between(first, later);
        JsonNode message = new SlackMessage(JsonMappers.create()).renderFollowUp(later, diff, null);

        assertThat(diff.changed()).isFalse();
        assertThat(message.get("text").asText()).isEqualTo("Confirmed at 09:54 UTC: CloudTrail caught up, nothing else changed on the path");
        assertThat(message.get("blocks")).hasSize(1);
    }

    @Test
    void between_cloudTrailNowShowsTheDeploy_listsTheNewChangeWithItsActor() {
        Findings later = SampleFindings.deployRegression();
        Cause top = later.topCause();
        List<EvidenceItem> withoutDeploy = top.evidence().stream().filter(e -> e.actor() == null).toList();
        Findings first = with(later, List.of(withEvidence(top, Confidence.MEDIUM, withoutDeploy)), later.generatedAt());

        FollowUpDiff diff = FollowUpDiff.between(first, later);

        assertThat(diff.changed()).isTrue();
        assertThat(diff.topCauseChanged()).isFalse();
        assertThat(diff.lines()).anySatisfy(l -> assertThat(l).startsWith("Confidence in Lambda deploy regression moved to HIGH (was MEDIUM)"));
        assertThat(diff.lines()).anySatisfy(l -> assertThat(l).startsWith("New change: 09:37:12 UTC UpdateFunctionCode").endsWith("by gha-deploy-8812"));
    }

    @Test
    void between_timestampChangeGainsItsActor_saysWhoNow() {
        Findings later = SampleFindings.deployRegression();
        Cause top = later.topCause();
        List<EvidenceItem> anonymous = new ArrayList<>();
        for (EvidenceItem e : top.evidence()) {
            anonymous.add(e.actor() == null ? e : new EvidenceItem(e.time(), e.summary(), null, e.resource(), e.reference(), e.origin()));
        }
        Findings first = with(later, List.of(withEvidence(top, top.confidence(), anonymous)), later.generatedAt());

        FollowUpDiff diff = FollowUpDiff.between(first, later);

        assertThat(diff.lines()).singleElement().satisfies(l -> assertThat(l).startsWith("Now known who:").endsWith("gha-deploy-8812"));
    }

    @Test
    void between_timestampReadBecomesACloudTrailRecordSecondsApart_isTheSameChangeWithItsActor() {
        // As stored by the previous version: the origin only in the words.
        assertTimestampReadMatchesItsCloudTrailRecord(deploy -> new EvidenceItem(deploy.time().minusSeconds(2),
                "orders-handler code changed (source: the resource's own timestamp (no CloudTrail record yet))", null,
                deploy.resource(), null));
    }

    @Test
    void between_typedTimestampReadWithoutWordsOrActor_isStillMatchedToItsCloudTrailRecord() {
        assertTimestampReadMatchesItsCloudTrailRecord(deploy -> new EvidenceItem(deploy.time().minusSeconds(3),
                "orders-handler code changed", null, deploy.resource(), null,
                io.apigw5xx.responder.analysis.ChangeOrigin.RESOURCE_TIMESTAMP));
    }

    /** The re-check sees the alarm-time timestamp read of the deploy again as its CloudTrail record, with an actor. */
    private static void assertTimestampReadMatchesItsCloudTrailRecord(
            java.util.function.UnaryOperator<EvidenceItem> timestampReadOf) {
        Findings later = SampleFindings.deployRegression();
        Cause top = later.topCause();
        List<EvidenceItem> atAlarm = new ArrayList<>(top.evidence().subList(1, top.evidence().size()));
        atAlarm.add(0, timestampReadOf.apply(top.evidence().getFirst()));
        Findings first = with(later, List.of(withEvidence(top, top.confidence(), atAlarm)), later.generatedAt());

        FollowUpDiff diff = FollowUpDiff.between(first, later);

        assertThat(diff.lines()).singleElement().satisfies(l -> assertThat(l).startsWith("Now known who:"));
    }

    @Test
    void between_anotherTopCause_isBroadcastAndNamesBoth() {
        Findings first = SampleFindings.deployRegression();
        Cause perm = new Cause(CauseKind.INVOKE_PERMISSION_REMOVED, "Invoke permission removed", Confidence.HIGH, "why",
                List.of(), List.of());
        Findings later = with(first, List.of(perm, first.topCause()), first.generatedAt());

        FollowUpDiff diff = FollowUpDiff.between(first, later);

        assertThat(diff.topCauseChanged()).isTrue();
        assertThat(diff.lines().getFirst()).isEqualTo("Likely cause is now Invoke permission removed (HIGH), was Lambda deploy regression (HIGH)");
    }
}
