package io.apigw5xx.responder.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.History;
import io.apigw5xx.responder.report.MarkdownReport;
import io.apigw5xx.responder.report.SlackMessage;
import io.apigw5xx.responder.report.SnsReport;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Walks the first invocation's code path without AWS: parses the packaged sample alarm, analyses the demo
 * incident, renders every report. Run before the SnapStart checkpoint so the snapshot holds loaded, linked
 * classes instead of the first real alarm paying for them.
 */
final class OfflinePrimer implements Runnable {

    static final String SAMPLE_EVENT = "/events/sns-alarm-rest.json";
    static final String DEMO_BUNDLE = "/demo/demo-incident.json";

    private final TriggerParser parser;
    private final Analyzer analyzer;
    private final ObjectMapper json;

    OfflinePrimer(TriggerParser parser, Analyzer analyzer, ObjectMapper json) {
        this.parser = parser;
        this.analyzer = analyzer;
        this.json = json;
    }

    @Override
    public void run() {
        parser.parse(resource(SAMPLE_EVENT));
        EvidenceBundle bundle = new BundleCodec(json).read(new String(resource(DEMO_BUNDLE), java.nio.charset.StandardCharsets.UTF_8), DEMO_BUNDLE);
        Findings findings = analyzer.analyze(bundle.incident(), bundle.evidence(), bundle.evidence().collectedAt());
        new MarkdownReport().render(findings);
        SlackMessage slack = new SlackMessage(json);
        slack.toJson(slack.render(findings));
        new SnsReport(new FindingsJson(json)).render(findings, History.none());
    }

    private static byte[] resource(String name) {
        try (InputStream in = OfflinePrimer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
