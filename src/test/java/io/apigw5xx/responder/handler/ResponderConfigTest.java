package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponderConfigTest {

    private static final Instant NOW = Instant.parse("2026-03-14T09:42:20Z");

    @Test
    void fromEnvironment_minimal_usesDefaultsAndLeavesChannelsUnconfigured() {
        ResponderConfig config = ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.findingsTopicArn()).isEmpty();
        assertThat(config.slackWebhookSecretArn()).isEmpty();
        assertThat(config.incidentTable()).isEmpty();
        assertThat(config.evidenceBudget()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fromEnvironment_everyProblem_isListedInOneMessage() {
        Map<String, String> env = Map.of(
                "SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack",
                "SLACK_WEBHOOK_PARAMETER", "/responder/slack",
                "FINDINGS_TOPIC_ARN", "findings",
                "EVIDENCE_BUDGET_SECONDS", "soon");

        assertThatThrownBy(() -> ResponderConfig.fromEnvironment(env))
                .hasMessageContaining("AWS_REGION is not set")
                .hasMessageContaining("only one of SLACK_WEBHOOK_SECRET_ARN and SLACK_WEBHOOK_PARAMETER")
                .hasMessageContaining("FINDINGS_TOPIC_ARN must be an SNS topic ARN")
                .hasMessageContaining("EVIDENCE_BUDGET_SECONDS must be a whole number of seconds, was 'soon'");
    }

    @Test
    void fromEnvironment_slackApp_readsTokenChannelApiAndQueue() {
        ResponderConfig config = ResponderConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1",
                "SLACK_BOT_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-bot",
                "SLACK_CHANNEL", "C0123ABC",
                "SLACK_API_URL", "http://127.0.0.1:9000/api",
                "RECHECK_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/recheck"));

        assertThat(config.slackChannel()).hasValue("C0123ABC");
        assertThat(config.slackApiUrl()).hasToString("http://127.0.0.1:9000/api/");
        assertThat(config.slackGraph()).isTrue();
        assertThat(config.recheckQueueUrl()).hasValue("https://sqs.us-east-1.amazonaws.com/123456789012/recheck");
        assertThat(ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1")).slackApiUrl())
                .hasToString("https://slack.com/api/");
    }

    @Test
    void fromEnvironment_slackAppMisconfigured_saysWhatToFix() {
        assertThatThrownBy(() -> ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "SLACK_BOT_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-bot")))
                .hasMessageContaining("needs both SLACK_BOT_TOKEN_SECRET_ARN and SLACK_CHANNEL");
        assertThatThrownBy(() -> ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "SLACK_BOT_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-bot",
                "SLACK_CHANNEL", "#incidents",
                "SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack")))
                .hasMessageContaining("SLACK_CHANNEL must be a channel id")
                .hasMessageContaining("either the Slack app");
    }

    @Test
    void fromEnvironment_cloudTrailEndpoint_isReadApartFromTheGeneralOne() {
        ResponderConfig config = ResponderConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_ENDPOINT_URL_CLOUDTRAIL", "http://127.0.0.1:8089"));

        assertThat(config.endpointUrl()).hasValue(java.net.URI.create("http://127.0.0.1:5000"));
        assertThat(config.cloudTrailEndpointUrl()).hasValue(java.net.URI.create("http://127.0.0.1:8089"));
    }

    @Test
    void fromEnvironment_cloudTrailEndpointNotAUrl_isAProblem() {
        assertThatThrownBy(() -> ResponderConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_CLOUDTRAIL", "http://bad host")))
                .hasMessageContaining("AWS_ENDPOINT_URL_CLOUDTRAIL is not a URL");
    }

    @Test
    void fromEnvironment_problemMessage_neverEchoesTheSecretValues() {
        Map<String, String> env = Map.of(
                "SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack",
                "SLACK_WEBHOOK_PARAMETER", "/responder/slack");

        assertThatThrownBy(() -> ResponderConfig.fromEnvironment(env))
                .message().doesNotContain("secret:slack").doesNotContain("/responder/slack");
    }

    @Test
    void evidenceDeadline_plentyOfTime_isCappedByTheBudget() {
        ResponderConfig config = ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));

        assertThat(config.evidenceDeadline(NOW, Duration.ofSeconds(58))).isEqualTo(NOW.plusSeconds(20));
    }

    @Test
    void deliveryDeadline_isTheInvocationsEndLessAMarginButNeverBeforeTheEvidenceDeadline() {
        ResponderConfig config = ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));

        assertThat(config.deliveryDeadline(NOW, Duration.ofSeconds(58))).isEqualTo(NOW.plusSeconds(56));
        assertThat(config.deliveryDeadline(NOW, Duration.ofSeconds(2))).isEqualTo(config.evidenceDeadline(NOW, Duration.ofSeconds(2)));
    }

    @Test
    void evidenceDeadline_littleTimeLeft_keepsTheDeliveryReserve() {
        ResponderConfig config = ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));

        assertThat(config.evidenceDeadline(NOW, Duration.ofSeconds(15))).isEqualTo(NOW.plusSeconds(7));
        assertThat(config.evidenceDeadline(NOW, Duration.ofSeconds(3))).isEqualTo(NOW.plusSeconds(1));
    }
}
