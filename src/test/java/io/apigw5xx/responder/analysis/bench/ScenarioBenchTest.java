package io.apigw5xx.responder.analysis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.ChangeInterpreter;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioBenchTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/scenarios");

    private final ScenarioBench bench = new ScenarioBench(new RunbookAnalyzer(),
            new NaiveBaseline(new ChangeInterpreter(JsonMappers.create())),
            new ScenarioLoader(JsonMappers.create(), new BundleCodec()), new TriggerParser("us-east-1")::parse);

    @Test
    void run_catalogue_meetsTheAccuracyBar() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ScenarioBench.Report report = bench.run(CATALOGUE, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String table = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(table);

        assertThat(report.lines()).hasSizeGreaterThanOrEqualTo(45);
        assertThat(report.accuracy()).isGreaterThanOrEqualTo(95.0);
        assertThat(report.highConfidenceWrong()).isZero();
        assertThat(report.failed()).as(table).isZero();
        assertThat(table).contains("baseline: top-1 accuracy").endsWith(report.passed() + " passed, 0 failed" + System.lineSeparator());
    }

    @Test
    void catalogue_atLeastFifteenScenariosAreReadAtAlarmTime() throws Exception {
        ScenarioLoader loader = new ScenarioLoader(JsonMappers.create(), new BundleCodec());
        TriggerParser parser = new TriggerParser("us-east-1");
        int alarmTime = 0;
        try (var files = Files.list(CATALOGUE)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("alarm-time-")).toList()) {
                Scenario s = loader.load(file);
                var incident = ((io.apigw5xx.responder.trigger.TriggerOutcome.Investigate) parser.parse(s.trigger().toString())).incident();
                java.time.Instant read = s.evidence().collectedAt();
                assertThat(java.time.Duration.between(incident.at(), read)).as(file.toString()).isBetween(java.time.Duration.ZERO,
                        java.time.Duration.ofSeconds(60));
                assertThat(s.evidence().changes()).as(file + ": CloudTrail lag applied")
                        .allSatisfy(c -> assertThat(c.eventTime()).isBefore(read.minusSeconds(300)));
                assertThat(s.evidence().gaps()).as(file.toString()).anySatisfy(g -> assertThat(g.detail()).startsWith("delivery delay:"));
                alarmTime++;
            }
        }
        assertThat(alarmTime).isGreaterThanOrEqualTo(15);
    }

    @Test
    void runMutations_catalogue_neverAnotherCauseAtHigh() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ScenarioBench.MutationReport report = bench.runMutations(CATALOGUE, new ScenarioMutations(JsonMappers.create()),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String table = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(table);

        assertThat(report.lines()).hasSizeGreaterThanOrEqualTo(7 * 45);
        assertThat(table).contains("alarm-time").contains("read-only").contains("unrelated").contains("shifted").contains("harmless")
                .containsPattern("mutations: \\d+ variants, kept \\d+, degraded \\d+, HIGH-confidence wrong 0")
                .containsPattern("\\d+ passed, \\d+ failed");
        assertThat(report.highConfidenceWrong()).as(table).isZero();
    }

    @Test
    void run_topCauseAboveMaxConfidence_fails(@TempDir Path dir) throws Exception {
        String json = Files.readString(CATALOGUE.resolve("rest-lambda-deploy-regression.json"))
                .replace("\"topCause\" : \"LAMBDA_DEPLOY_REGRESSION\"", "\"topCause\" : \"LAMBDA_DEPLOY_REGRESSION\", \"maxConfidence\" : \"MEDIUM\"");
        Files.writeString(dir.resolve("capped.json"), json);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        ScenarioBench.Report report = bench.run(dir, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(report.failed()).isEqualTo(1);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("FAIL confidence HIGH above MEDIUM");
    }

    @Test
    void run_malformedScenarioFile_isAFailLineNotACrash(@TempDir Path dir) throws Exception {
        Files.copy(CATALOGUE.resolve("rest-lambda-deploy-regression.json"), dir.resolve("good.json"));
        Files.writeString(dir.resolve("broken.json"), "{\"name\": \"broken\", \"trigger\": {}, ");
        Files.writeString(dir.resolve("no-expect.json"), "{\"name\": \"x\", \"trigger\": {}, \"evidence\": {}}");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        ScenarioBench.Report report = bench.run(dir, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String table = buffer.toString(StandardCharsets.UTF_8);
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(2);
        assertThat(table).contains("FAIL bad scenario: not readable JSON").contains("FAIL bad scenario: missing \"expect\"")
                .contains("1 passed, 2 failed");
    }

    @Test
    void run_wrongExpectation_failsWithTheReason(@TempDir Path dir) throws Exception {
        String json = Files.readString(CATALOGUE.resolve("rest-lambda-deploy-regression.json"))
                .replace("\"topCause\" : \"LAMBDA_DEPLOY_REGRESSION\"", "\"topCause\" : \"THROTTLING\"");
        Files.writeString(dir.resolve("wrong.json"), json);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        ScenarioBench.Report report = bench.run(dir, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.highConfidenceWrong()).isEqualTo(1);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("FAIL top cause LAMBDA_DEPLOY_REGRESSION");
    }
}
