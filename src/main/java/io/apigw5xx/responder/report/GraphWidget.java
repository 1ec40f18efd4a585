package io.apigw5xx.responder.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import java.util.List;

/**
 * The CloudWatch metric widget (GetMetricWidgetImage's {@code MetricWidget}) that draws an incident: the
 * stage's 5xx and request counts on the left axis, IntegrationLatency p99 on the right, over the investigated
 * window; a vertical line at the onset and at each change the causes cite (what and who), and the alarm's
 * threshold as a horizontal line when it is drawn in the same unit (a Sum of the 5xx metric per period).
 * A pure function of the findings: no AWS, no clock.
 */
public final class GraphWidget {

    static final int WIDTH = 800;
    static final int HEIGHT = 400;
    /** GetMetricWidgetImage accepts at most 100 metrics; annotations are kept few so the picture stays legible. */
    static final int MAX_CHANGE_MARKS = 8;
    static final int MAX_LABEL = 80;

    private final ObjectMapper json;

    public GraphWidget(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode render(Findings raw) {
        Findings f = Redactor.redact(raw);
        Incident i = f.incident();
        boolean rest = i.api().type() == ApiType.REST;
        String dimName = rest && i.api().name() != null ? "ApiName" : "ApiId";
        String dimValue = dimName.equals("ApiName") ? i.api().name() : i.api().id();

        ObjectNode w = json.createObjectNode();
        w.put("title", cut(i.apiStageLabel() + ": 5xx, requests and p99 latency", 200));
        w.put("view", "timeSeries").put("stacked", false).put("width", WIDTH).put("height", HEIGHT);
        w.put("start", f.window().from().toString()).put("end", f.window().to().toString());
        w.put("period", 60).put("timezone", "+0000");
        ArrayNode metrics = w.putArray("metrics");
        metrics.add(metric(rest ? "5XXError" : "5xx", dimName, dimValue, i.stage(), "Sum", "5xx", "left", "#d62728"));
        metrics.add(metric("Count", dimName, dimValue, i.stage(), "Sum", "requests", "left", "#1f77b4"));
        metrics.add(metric("IntegrationLatency", dimName, dimValue, i.stage(), "p99", "IntegrationLatency p99 (ms)", "right", "#7f7f7f"));
        ObjectNode yAxis = w.putObject("yAxis");
        yAxis.putObject("left").put("label", "count per minute").put("min", 0);
        yAxis.putObject("right").put("label", "ms").put("min", 0);

        ObjectNode annotations = w.putObject("annotations");
        Alarm a = i.alarm();
        if (a != null && a.threshold() != null && "Sum".equals(a.statistic())
                && ("5XXError".equals(a.metricName()) || "5xx".equals(a.metricName()))) {
            int period = a.periodSeconds() == null || a.periodSeconds() <= 0 ? 60 : a.periodSeconds();
            // The graph sums per minute; an alarm on a longer period compares a longer sum.
            double perMinute = a.threshold() * 60.0 / period;
            annotations.putArray("horizontal").addObject()
                    .put("label", "alarm threshold" + (period == 60 ? "" : " (per minute)")).put("value", perMinute)
                    .put("color", "#ff7f0e");
        }
        ArrayNode vertical = annotations.putArray("vertical");
        if (f.onset() != null) {
            vertical.addObject().put("label", "onset " + Timeline.time(f.onset())).put("value", f.onset().toString())
                    .put("color", "#d62728");
        }
        List<EvidenceItem> changes = ChangeEvidence.of(f).stream()
                .filter(e -> f.window().contains(e.time())).toList();
        int from = Math.max(0, changes.size() - MAX_CHANGE_MARKS); // the latest changes are the likeliest
        for (EvidenceItem c : changes.subList(from, changes.size())) {
            vertical.addObject().put("label", label(c)).put("value", c.time().toString()).put("color", "#9467bd");
        }
        return w;
    }

    public String toJson(ObjectNode widget) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(widget);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("metric widget did not serialise", e);
        }
    }

    /** "UpdateFunctionCode orders-handler by gha-deploy": what and who, short enough to read on the graph. */
    static String label(EvidenceItem c) {
        String what = c.summary() == null ? "change" : c.summary();
        int dash = what.indexOf(" — ");
        if (dash > 0) {
            what = what.substring(0, dash);
        }
        // Lambda's event names carry the API version (UpdateFunctionCode20150331v2): noise on a graph.
        what = what.replaceAll("(?<=[a-z])20\\d{6}(v\\d+)?\\b", "");
        String who = c.actor() == null || c.actor().isBlank() ? "" : " by " + c.actor();
        return cut(what.strip(), MAX_LABEL - Math.min(who.length(), 30)) + cut(who, 30);
    }

    private ArrayNode metric(String name, String dimName, String dimValue, String stage, String stat, String label,
            String axis, String color) {
        ArrayNode row = json.createArrayNode();
        row.add("AWS/ApiGateway").add(name).add(dimName).add(String.valueOf(dimValue)).add("Stage").add(stage);
        row.addObject().put("stat", stat).put("label", label).put("yAxis", axis).put("color", color);
        return row;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
