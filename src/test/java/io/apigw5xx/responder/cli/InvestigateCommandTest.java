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
}
