package io.apigw5xx.responder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvestigateCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");

    @Test
    void parse_nameStageRegionAt_buildsRestIncident() throws Exception {
        var o = InvestigateCommand.parse(List.of("--api-name", "orders-api", "--stage", "prod", "--region", "eu-west-1",
                "--at", "2026-03-14T09:41:00Z"), NOW, null);
        var incident = InvestigateCommand.incident(o);
        assertThat(incident.api().name()).isEqualTo("orders-api");
        assertThat(incident.region()).isEqualTo("eu-west-1");
        assertThat(incident.window().from()).isEqualTo(Instant.parse("2026-03-14T08:41:00Z"));
        assertThat(o.deadlineSeconds()).isEqualTo(InvestigateCommand.DEFAULT_DEADLINE_SECONDS);
    }

    @Test
    void parse_bothNameAndId_isRefused() {
        assertThatThrownBy(() -> InvestigateCommand.parse(List.of("--api-name", "a", "--api-id", "b", "--stage", "s"), NOW, "us-east-1"))
                .hasMessageContaining("exactly one of");
    }

    @Test
    void parse_noRegionAnywhere_isRefused() {
        assertThatThrownBy(() -> InvestigateCommand.parse(List.of("--api-id", "b", "--stage", "s"), NOW, null))
                .hasMessageContaining("--region");
    }

    @Test
    void parse_badAt_saysWhatItExpects() {
        assertThatThrownBy(() -> InvestigateCommand.parse(List.of("--api-id", "b", "--stage", "s", "--at", "yesterday"), NOW, "us-east-1"))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void run_dryRun_printsPlanWithoutCallingAws() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new InvestigateCommand(Clock.fixed(NOW, ZoneOffset.UTC)).run(List.of("--api-name", "orders-api", "--stage", "prod",
                "--region", "us-east-1", "--dry-run", "--endpoint-url", "http://127.0.0.1:1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("GetRestApis", "LookupEvents", "StartQuery", "No AWS call was made");
    }

    @Test
    void run_unknownArgument_exits2WithOneLineReason() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new InvestigateCommand().run(List.of("--bogus"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("investigate: unknown argument '--bogus'");
    }

    @Test
    void run_eventDryRun_apiWideAlarm_printsTheIncidentAndTheNarrowingCalls() throws Exception {
        Run run = run("--event", "events/sns-alarm-rest-api-wide.json", "--dry-run");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Incident: REST API orders-api, stage all stages, region us-east-1, account 123456789012, from SNS",
                "alarm orders-api-5xx ALARM: Sum of 5XXError > 5 errors per period over 1 x 60 s",
                "alarm covers every stage", "Narrowing (the alarm covers every stage):", "apigateway:GetStages",
                "every stage's 5xx and Count", "No AWS call was made.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void run_eventDryRun_rateAlarmThroughSqs_readsThePercentage() throws Exception {
        Run rate = run("--event", "events/sns-alarm-metric-math-rate.json", "--dry-run");
        Run sqs = run("--event", "events/sqs-sns-alarm.json", "--dry-run");

        assertThat(rate.out()).contains("stage prod", "100*m1/m2 > 2 % of requests over 3 x 60 s");
        assertThat(sqs.code()).isZero();
        assertThat(sqs.out()).contains("record 2e1424d4-f796-459a-8184-9c92662be6da: Incident: REST API orders-api, stage prod");
    }

    @Test
    void run_refusedEvent_exits2WithTheOneLineReason(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path event = dir.resolve("lambda-alarm.json");
        java.nio.file.Files.writeString(event, java.nio.file.Files.readString(java.nio.file.Path.of("events", "sns-alarm-rest.json"))
                .replace("AWS/ApiGateway", "AWS/Lambda"));

        Run run = run("--event", event.toString(), "--dry-run");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("investigate: refused: alarm metric is in namespace 'AWS/Lambda'")
                .hasLineCount(1);
        assertThat(run.out()).contains("No AWS call was made.");
    }

    @Test
    void run_compositeWithoutRegion_refusedNamingDescribeAlarms() throws Exception {
        Run run = run("--event", "events/eventbridge-alarm-composite.json", "--dry-run");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("composite alarm 'orders-api-prod-health'", "cloudwatch:DescribeAlarms");
    }

    @Test
    void parse_eventWithStage_isAUsageError() {
        assertThatThrownBy(() -> InvestigateCommand.parse(List.of("--event", "x.json", "--stage", "prod"), NOW, "us-east-1"))
                .hasMessageContaining("--event reads API, stage and time from the event");
    }

    @Test
    void run_unreadableEventFile_exits2() throws Exception {
        Run run = run("--event", "no/such/file.json", "--dry-run");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("investigate: cannot read no/such/file.json");
    }

    private record Run(int code, String out, String err) {}

    /** Runs without AWS_REGION from the environment: the event must say where it is. */
    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new InvestigateCommand(Clock.fixed(NOW, ZoneOffset.UTC)).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
