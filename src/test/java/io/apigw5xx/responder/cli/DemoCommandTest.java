package io.apigw5xx.responder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void demo_printsCriticalDeployRegressionWithVersionTimeAndActor() {
        int code = run("demo");

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(report).contains("CRITICAL").contains("orders-api/prod");
        String topCause = report.substring(report.indexOf("### 1."), report.indexOf("### 2.") > 0 ? report.indexOf("### 2.") : report.indexOf("## Status mix"));
        assertThat(topCause)
                .contains("Lambda deploy regression")
                .contains("HIGH confidence")
                .contains("version 42")
                .contains("09:38")
                .contains("gha-deploy-8812")
                .contains("--function-version 41");
        assertThat(topCause).as("the unrelated IAM change is not blamed").doesNotContain("PutRolePolicy").doesNotContain("analytics-etl-role");
        assertThat(report).contains("Not on the failing path: PutRolePolicy role analytics-etl-role");
    }

    @Test
    void demo_withOut_writesFindingsSlackAndSnsFiles(@TempDir Path dir) throws Exception {
        int code = run("demo", "--out", dir.toString());

        assertThat(code).isZero();
        JsonNode findings = JsonMappers.create().readTree(dir.resolve("findings.json").toFile());
        assertThat(findings.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(findings.path("causes").path(0).path("kind").asText()).isEqualTo("LAMBDA_DEPLOY_REGRESSION");
        JsonNode slack = JsonMappers.create().readTree(dir.resolve("slack.json").toFile());
        assertThat(slack.path("blocks").isArray()).isTrue();
        assertThat(slack.path("blocks").size()).isBetween(1, 50);
        String sns = Files.readString(dir.resolve("sns.txt"));
        assertThat(sns.lines().findFirst().orElseThrow()).startsWith("Subject: ").hasSizeLessThanOrEqualTo("Subject: ".length() + 100);
    }

    @Test
    void demo_withOut_writesTheSlackAppBodyAndTheGraphWidget(@TempDir Path dir) throws Exception {
        int code = run("demo", "--out", dir.toString());

        assertThat(code).isZero();
        JsonNode app = JsonMappers.create().readTree(dir.resolve("slack-app.json").toFile());
        assertThat(app.path("channel").asText()).isEqualTo(BundleReplay.SLACK_CHANNEL_PLACEHOLDER);
        assertThat(app.path("unfurl_links").asBoolean(true)).isFalse();
        assertThat(app.path("blocks").toString()).contains("\"action_id\":\"rerun_investigation\"").contains("\"text\":\"Open in console\"");
        JsonNode widget = JsonMappers.create().readTree(dir.resolve("graph-widget.json").toFile());
        assertThat(widget.path("metrics")).hasSize(3);
        assertThat(widget.at("/annotations/vertical").toString()).contains("onset").contains("by gha-deploy-8812");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("slack-app.json, graph-widget.json");
    }

    @Test
    void analyze_withOut_findingsJsonIsRedactedLikeTheSnsAttribute(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode bundle =
                (com.fasterxml.jackson.databind.node.ObjectNode) JsonMappers.create().readTree(DemoCommand.demoBundleJson());
        for (JsonNode log : bundle.at("/evidence/logs")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) log).put("message", "db password=hunter2 " + log.get("message").asText());
        }
        Path file = dir.resolve("bundle.json");
        Files.writeString(file, bundle.toString());

        int code = run("analyze", file.toString(), "--out", dir.toString());

        assertThat(code).isZero();
        String findings = Files.readString(dir.resolve("findings.json"));
        assertThat(findings).contains("password=[REDACTED]").doesNotContain("hunter2");
        assertThat(Files.readString(dir.resolve("slack-app.json"))).doesNotContain("hunter2");
    }

    @Test
    void demo_badArguments_failWithReasonAndUsage() {
        assertThat(run("demo", "bundle.json")).isEqualTo(2);
        assertThat(run("demo", "--out")).isEqualTo(2);
        assertThat(run("analyze", "--verbose", "b.json")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "takes no file; usage: demo [--out DIR] (to replay a file: analyze FILE)",
                "--out needs a directory; usage: demo [--out DIR] (to replay a file: analyze FILE)",
                "unknown option --verbose; usage: analyze FILE [--out DIR]");
        assertThat(out.size()).isZero();
    }

    @Test
    void analyze_missingFile_failsWithOneLine() {
        int code = run("analyze", "no-such-bundle.json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("analyze: no such file no-such-bundle.json" + System.lineSeparator());
    }

    @Test
    void analyze_invalidBundle_namesTheField(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, DemoCommand.demoBundleJson().replaceFirst("\"stage\"\\s*:\\s*\"prod\",", ""));

        int code = run("analyze", bundle.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("$.incident").contains("stage");
    }

    @Test
    void analyze_savedDemoBundle_givesTheSameReportAsDemo(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, DemoCommand.demoBundleJson());
        run("demo");
        String demo = out.toString(StandardCharsets.UTF_8);
        out.reset();

        run("analyze", bundle.toString());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(demo);
    }

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
