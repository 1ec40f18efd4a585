package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.incident.AlarmState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    private final ObjectMapper json = JsonMappers.create();
    private final SlackMessage slack = new SlackMessage(json);

    @Test
    void render_sampleFindings_isValidBlockKitWithinLimits() throws Exception {
        ObjectNode payload = slack.render(SampleFindings.deployRegression());
        JsonNode reparsed = json.readTree(slack.toJson(payload));

        SlackLimits.assertWithin(reparsed);
        assertThat(reparsed.path("blocks").get(0).path("text").path("text").asText())
                .startsWith(":rotating_light: CRITICAL").contains("orders-api/prod");
        assertThat(reparsed.path("attachments").get(0).path("color").asText()).isEqualTo("#D00000");
        String all = String.join("\n", SlackLimits.texts(reparsed));
        assertThat(all).contains("*Likely cause:* Lambda deploy regression — *HIGH* confidence")
                .contains("09:37:12 UTC (T\u22122m)") // deploy 1m48s before onset
                .contains("gha-deploy-8812")
                .contains("```\naws lambda get-function --function-name orders-handler --qualifier 42")
                .contains("Status mix (inferred)")
                .contains("API Gateway execution logging is off")
                .contains("No IAM change touches the failing path");
    }

    @Test
    void render_sampleFindings_linksConsoleInIncidentRegion() {
        String all = String.join("\n", SlackLimits.texts(slack.render(SampleFindings.deployRegression())));

        assertThat(all).contains("<https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/orders-api-prod-5xx|Alarm>")
                .contains("#metricsV2:graph=")
                .contains("#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders-handler|Log group>")
                .contains("#logsV2:logs-insights$3FqueryDetail$3D")
                .contains("/cloudtrailv2/home?region=us-east-1#/events/2f1e8c0a-5b7d-4c11-9d0e-3a6f8b2c1d4e|CloudTrail event>");
    }

    @Test
    void render_mrkdwnInjectionInAwsData_isEscaped() {
        Findings base = SampleFindings.deployRegression(
                SampleFindings.incident("<!channel> & <http://evil.example|click>", AlarmState.ALARM, SampleFindings.ALARM_AT));
        Cause evil = new Cause(CauseKind.LAMBDA_DEPLOY_REGRESSION, "Deploy <!here>", Confidence.HIGH, "why <@U123>",
                List.of(new EvidenceItem(SampleFindings.DEPLOY_AT, "ERROR user input <http://evil.example|login> <!everyone>",
                        "<!subteam^S123>", "fn", null)),
                List.of("aws lambda get-function --function-name '<!channel>'"));
        Findings f = withCauses(base, List.of(evil));

        JsonNode payload = slack.render(f);
        String all = String.join("\n", SlackLimits.texts(payload));

        assertThat(all).doesNotContain("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<!subteam", "<http://evil");
        assertThat(all).contains("&lt;!channel&gt; &amp; &lt;http://evil.example|click&gt;")
                .contains("&lt;http://evil.example|login&gt;");
        // Our own links survive: the only "<http" left are console links.
        assertThat(all.split("<http").length - 1).isEqualTo(all.split("<https://us-east-1.console.aws.amazon.com").length - 1);
    }

    @Test
    void render_logExcerptWithSecrets_isRedactedBeforeLeaving() {
        Cause leaky = new Cause(CauseKind.DOWNSTREAM_DEPENDENCY, "Downstream failing", Confidence.MEDIUM, "",
                List.of(new EvidenceItem(SampleFindings.ONSET,
                        "ERROR calling https://hooks.slack.com/services/T0AAA/B0BBB/abcdefABCDEF123456 with key AKIAIOSFODNN7EXAMPLE",
                        null, null, null)), List.of());
        String all = slack.toJson(slack.render(withCauses(SampleFindings.deployRegression(), List.of(leaky))));

        assertThat(all).doesNotContain("AKIAIOSFODNN7EXAMPLE", "T0AAA/B0BBB").contains("[REDACTED");
    }

    @Test
    void render_oversizedFindings_truncatedWithinEveryLimitWithVisibleRemainder() throws Exception {
        Findings f = SampleFindings.oversized();

        JsonNode payload = json.readTree(slack.toJson(slack.render(f)));

        SlackLimits.assertWithin(payload);
        String all = String.join("\n", SlackLimits.texts(payload));
        String others = SlackLimits.texts(payload).stream().filter(t -> t.startsWith("*Other possibilities*")).findFirst().orElseThrow();
        long listed = others.lines().filter(l -> l.matches("\\d+\\. Cause .*")).count();
        assertThat(others).endsWith("…and " + (297 - listed) + " more"); // causes 4..300 share one list
        assertThat(listed).isPositive();
        assertThat(all).containsPattern("…and \\d{3} more"); // the top cause's 400 evidence lines
        assertThat(all).doesNotContain("\uFFFD");
    }

    @Test
    void renderResolved_withOriginal_refersToIt() {
        PastIncident original = new PastIncident(SampleFindings.ALARM_AT, "orders-api/prod", "orders-api-prod-5xx",
                io.apigw5xx.responder.analysis.Severity.CRITICAL, "Lambda deploy regression", Confidence.HIGH,
                "orders-handler v42", 18.2);
        JsonNode payload = slack.renderResolved(SampleFindings.incident("orders-api", AlarmState.OK,
                SampleFindings.ALARM_AT.plus(Duration.ofMinutes(21))), Optional.of(original));

        SlackLimits.assertWithin(payload);
        String all = String.join("\n", SlackLimits.texts(payload));
        assertThat(all).contains("RESOLVED").contains("2026-11-23 09:41 UTC (21m earlier)")
                .contains("Lambda deploy regression (HIGH)");
    }

    @Test
    void render_historyGiven_saysWhichIncidentThisIs() {
        History h = new History(2, Duration.ofDays(7), Optional.of(new PastIncident(SampleFindings.ALARM_AT.minus(Duration.ofDays(2)),
                "orders-api/prod", "a", io.apigw5xx.responder.analysis.Severity.HIGH, "Lambda timeout", Confidence.MEDIUM, null, 7.0)));
        String all = String.join("\n", SlackLimits.texts(slack.render(SampleFindings.deployRegression(), h)));

        assertThat(all).contains("3rd incident on this API stage in 7 days; last cause: Lambda timeout (MEDIUM) on 2026-11-21 09:41 UTC");
    }

    static Findings withCauses(Findings b, List<Cause> causes) {
        return new Findings(b.incident(), b.window(), b.onset(), b.severity(), b.errorRatePercent(), b.errors(), b.requests(),
                b.statusMix(), b.pattern(), causes, b.checkedClean(), b.gaps(), b.notes(), b.generatedAt(), b.awsCalls());
    }
}
