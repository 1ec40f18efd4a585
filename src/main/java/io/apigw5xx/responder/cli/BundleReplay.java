package io.apigw5xx.responder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.delivery.SlackApp;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.GraphWidget;
import io.apigw5xx.responder.report.Redactor;
import io.apigw5xx.responder.report.History;
import io.apigw5xx.responder.report.MarkdownReport;
import io.apigw5xx.responder.report.SlackMessage;
import io.apigw5xx.responder.report.SnsMessage;
import io.apigw5xx.responder.report.SnsReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Analyses a saved bundle and prints the terminal report; with an output directory it also writes what
 * the Lambda would have delivered: findings.json (redacted, as in the SNS attribute), slack.json (the webhook
 * payload), slack-app.json (the Slack app's chat.postMessage body, buttons included), graph-widget.json (the
 * GetMetricWidgetImage widget: {@code aws cloudwatch get-metric-widget-image --metric-widget file://…}) and sns.txt.
 */
final class BundleReplay {

    /** The channel slack-app.json names: the deployed function uses SLACK_CHANNEL. */
    static final String SLACK_CHANNEL_PLACEHOLDER = "C0123ABC";

    private final Analyzer analyzer;
    private final ObjectMapper mapper = JsonMappers.create();

    BundleReplay(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    void run(EvidenceBundle bundle, java.util.Optional<Path> outDir, PrintStream out) throws IOException {
        Findings findings = analyze(bundle);
        print(findings, out);
        if (outDir.isPresent()) {
            writeOutputs(findings, outDir.get());
            out.println("wrote findings.json, slack.json, slack-app.json, graph-widget.json, sns.txt to " + outDir.get());
        }
    }

    /** Replays at the moment the evidence was collected, so the same bundle always gives the same report. */
    Findings analyze(EvidenceBundle bundle) {
        return analyzer.analyze(bundle.incident(), bundle.evidence(), bundle.evidence().collectedAt());
    }

    void print(Findings findings, PrintStream out) {
        out.println(new MarkdownReport().render(findings));
    }

    void writeOutputs(Findings findings, Path dir) throws IOException {
        Files.createDirectories(dir);
        FindingsJson findingsJson = new FindingsJson(mapper);
        // Exactly what would be delivered: the SNS attribute and the ledger carry the findings redacted.
        Files.writeString(dir.resolve("findings.json"), findingsJson.write(Redactor.redact(findings)), StandardCharsets.UTF_8);
        SlackMessage slack = new SlackMessage(mapper);
        Files.writeString(dir.resolve("slack.json"), slack.toJson(slack.render(findings)), StandardCharsets.UTF_8);
        ObjectNode app = SlackApp.postMessageBody(slack.render(findings, History.none(), null, true), SLACK_CHANNEL_PLACEHOLDER, null, false);
        Files.writeString(dir.resolve("slack-app.json"), slack.toJson(app), StandardCharsets.UTF_8);
        GraphWidget widget = new GraphWidget(mapper);
        Files.writeString(dir.resolve("graph-widget.json"), widget.toJson(widget.render(findings)), StandardCharsets.UTF_8);
        SnsMessage sns = new SnsReport(findingsJson).render(findings, History.none());
        Files.writeString(dir.resolve("sns.txt"), snsText(sns), StandardCharsets.UTF_8);
    }

    private static String snsText(SnsMessage sns) {
        StringBuilder text = new StringBuilder("Subject: ").append(sns.subject()).append("\n");
        for (Map.Entry<String, String> attribute : sns.attributes().entrySet()) {
            String value = attribute.getValue();
            text.append("Attribute ").append(attribute.getKey()).append(": ")
                    .append(value.length() > 120 ? value.substring(0, 120) + "… (" + value.length() + " chars)" : value)
                    .append("\n");
        }
        return text.append("\n").append(sns.body()).append("\n").toString();
    }
}
