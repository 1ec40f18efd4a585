package io.apigw5xx.responder.cli;

import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.StageNarrowing;
import io.apigw5xx.responder.trigger.AlarmDefinition;
import io.apigw5xx.responder.trigger.AlarmDirectory;
import io.apigw5xx.responder.trigger.QueuedTriggers;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import io.apigw5xx.responder.trigger.aws.CloudWatchAlarmDirectory;
import io.apigw5xx.responder.evidence.aws.AwsClients;
import io.apigw5xx.responder.evidence.aws.AwsEvidenceGatherer;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.report.MarkdownReport;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code investigate}: gathers evidence for an API stage from AWS (default credential chain), analyses it and
 * prints the report; {@code --save-evidence} writes the bundle {@code analyze FILE} replays.
 */
public final class InvestigateCommand implements Command {

    static final int DEFAULT_DEADLINE_SECONDS = 60;

    private final Clock clock;

    public InvestigateCommand() {
        this(Clock.systemUTC());
    }

    InvestigateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "investigate";
    }

    @Override
    public String usage() {
        return "--api-name NAME | --api-id ID --stage S [--region R] [--at ISO] | --event FILE [--region R]"
                + " [--deadline-seconds N] [--dry-run] [--save-evidence FILE] [--endpoint-url URL]: investigate an API stage in AWS"
                + " now, or do what the function would do with a saved event (a refused event exits 2 with the reason)";
    }

    /** Parsed arguments. {@code apiId} is tried as an HTTP API first, then as a REST API. */
    record Options(String apiName, String apiId, String stage, String region, Instant at, int deadlineSeconds, boolean dryRun,
            Path saveEvidence, URI endpointUrl, Path event) {}

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options;
        try {
            options = parse(args, clock.instant(), System.getenv("AWS_REGION"));
        } catch (UsageException e) {
            err.println("investigate: " + e.getMessage());
            err.println("usage: investigate " + usage());
            return 2;
        }
        if (options.event() != null) {
            return runEvent(options, out, err);
        }
        Incident incident = incident(options);
        if (options.dryRun()) {
            printPlan(incident, options, out);
            out.println("No AWS call was made.");
            return 0;
        }
        try (AwsClients clients = clients(options, options.region())) {
            investigate(incident, clients, options, out, err);
        }
        return 0;
    }

    /**
     * {@code --event FILE}: the function's own parser on a saved event (SNS, EventBridge, alarm action, SQS batch,
     * manual re-run), then the same narrowing, evidence and analysis. Exit 2 when every trigger in it is refused.
     */
    private int runEvent(Options o, PrintStream out, PrintStream err) throws Exception {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(o.event());
        } catch (java.io.IOException e) {
            err.println("investigate: cannot read " + o.event() + ": " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage()));
            return 2;
        }
        try (LazyClients lazy = new LazyClients(o)) {
            // A composite alarm's children are read with DescribeAlarms, even in a dry run: it is the only way to
            // know which API the event is about, and the run says it made that call.
            int[] describeCalls = {0};
            AlarmDirectory directory = o.region() == null ? AlarmDirectory.NONE : new AlarmDirectory() {
                private final CloudWatchAlarmDirectory real = new CloudWatchAlarmDirectory(() -> lazy.get(o.region()).cloudWatch(), o.region());

                @Override
                public String region() {
                    return real.region();
                }

                @Override
                public List<AlarmDefinition> describe(List<String> alarmNames) {
                    describeCalls[0]++;
                    return real.describe(alarmNames);
                }
            };
            QueuedTriggers triggers = new TriggerParser(o.region(), directory).parseEach(bytes);
            int refused = 0;
            for (QueuedTriggers.Item item : triggers.items()) {
                String record = item.messageId() == null ? "" : "record " + item.messageId() + ": ";
                switch (item.outcome()) {
                    case TriggerOutcome.Refused r -> {
                        err.println("investigate: refused: " + record + r.reason());
                        refused++;
                    }
                    case TriggerOutcome.Ignored i -> out.println(record + "ignored: " + i.reason());
                    case TriggerOutcome.Resolved r -> out.println(record + "resolved: alarm " + r.incident().alarm().name() + " on "
                            + r.incident().apiStageLabel() + " returned to OK at " + r.incident().at() + "; nothing to investigate");
                    case TriggerOutcome.Investigate i -> {
                        if (o.dryRun()) {
                            printIncident(i.incident(), record, out);
                            printPlan(i.incident(), o, out);
                        } else {
                            investigate(i.incident(), lazy.get(i.incident().region()), o, out, err);
                        }
                    }
                }
            }
            if (o.dryRun()) {
                out.println(describeCalls[0] == 0 ? "No AWS call was made."
                        : "AWS calls made: cloudwatch:DescribeAlarms x" + describeCalls[0] + " (the composite alarm's children)");
            }
            return refused == triggers.items().size() ? 2 : 0;
        }
    }

    /** Narrowing (API-wide alarms), evidence, analysis, the Markdown report; the bundle holds the narrowed incident. */
    private void investigate(Incident incident, AwsClients clients, Options options, PrintStream out, PrintStream err)
            throws java.io.IOException {
        AwsEvidenceGatherer gatherer = new AwsEvidenceGatherer(clients, clock);
        Instant deadline = clock.instant().plusSeconds(options.deadlineSeconds());
        StageNarrowing narrowing = gatherer.narrow(incident, deadline);
        Evidence evidence = narrowing.addTo(gatherer.gather(narrowing.incident(), deadline));
        if (options.saveEvidence() != null) {
            Files.writeString(options.saveEvidence(), new BundleCodec().write(EvidenceBundle.of(narrowing.incident(), evidence)));
            err.println("evidence bundle written to " + options.saveEvidence());
        }
        out.print(new MarkdownReport().render(new RunbookAnalyzer().analyze(narrowing.incident(), evidence, clock.instant())));
    }

    private static AwsClients clients(Options options, String region) {
        AwsClients.Builder builder = AwsClients.builder().region(region);
        URI endpoint = options.endpointUrl() != null ? options.endpointUrl() : envUrl("AWS_ENDPOINT_URL");
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        URI cloudTrail = envUrl("AWS_ENDPOINT_URL_CLOUDTRAIL");
        if (cloudTrail != null) {
            builder.endpoint(AwsClients.Service.CLOUDTRAIL, cloudTrail);
        }
        return builder.build();
    }

    /** AWS clients built only when a call is about to be made (a dry run or a refused event makes none). */
    private static final class LazyClients implements AutoCloseable {
        private final Options options;
        private final java.util.Map<String, AwsClients> byRegion = new java.util.HashMap<>();

        LazyClients(Options options) {
            this.options = options;
        }

        synchronized AwsClients get(String region) {
            return byRegion.computeIfAbsent(region, r -> clients(options, r));
        }

        @Override
        public synchronized void close() {
            byRegion.values().forEach(AwsClients::close);
        }
    }

    /** What the event became: the incident the function would investigate. */
    private static void printIncident(Incident i, String record, PrintStream out) {
        out.println(record + "Incident: " + i.api().type() + " API " + i.api().label()
                + (i.api().id() != null && !i.api().id().equals(i.api().label()) ? " (id " + i.api().id() + ")" : "")
                + ", stage " + (i.stageUnknown() ? "all stages" : i.stage()) + ", region " + i.region()
                + (i.account() == null ? "" : ", account " + i.account()) + ", from " + i.source());
        out.println("  window " + i.window().from() + " .. " + i.window().to() + ", alarm time " + i.at());
        if (i.alarm() != null) {
            out.println("  alarm " + i.alarm().name() + " " + i.alarm().state() + ": " + i.alarm().readingLabel()
                    + (i.alarm().evaluationPeriods() == null ? "" : " over " + i.alarm().evaluationPeriods() + " x "
                    + (i.alarm().periodSeconds() == null ? 60 : i.alarm().periodSeconds()) + " s"));
        }
        String scope = i.scope().summary();
        if (scope != null) {
            out.println("  " + scope);
        }
    }

    private static URI envUrl(String name) {
        String env = System.getenv(name);
        return env == null || env.isBlank() ? null : URI.create(env.trim());
    }

    static Options parse(List<String> args, Instant now, String envRegion) throws UsageException {
        String apiName = null, apiId = null, stage = null, region = envRegion, at = null, deadline = null, save = null, endpoint = null,
                event = null;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--api-name", "--api-id", "--stage", "--region", "--at", "--deadline-seconds", "--save-evidence", "--endpoint-url",
                        "--event" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(arg + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--api-name" -> apiName = value;
                        case "--api-id" -> apiId = value;
                        case "--stage" -> stage = value;
                        case "--region" -> region = value;
                        case "--at" -> at = value;
                        case "--deadline-seconds" -> deadline = value;
                        case "--save-evidence" -> save = value;
                        case "--event" -> event = value;
                        default -> endpoint = value;
                    }
                }
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (event != null) {
            if (apiName != null || apiId != null || stage != null || at != null) {
                throw new UsageException("--event reads API, stage and time from the event: drop --api-name, --api-id, --stage and --at");
            }
        } else {
            if ((apiName == null) == (apiId == null)) {
                throw new UsageException("give exactly one of --api-name (REST API) or --api-id, or --event FILE");
            }
            if (stage == null) {
                throw new UsageException("--stage is required");
            }
            if (region == null || region.isBlank()) {
                throw new UsageException("--region is required when AWS_REGION is not set");
            }
        }
        if (region != null && region.isBlank()) {
            region = null;
        }
        Instant when;
        try {
            when = at == null ? now : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new UsageException("--at must be an ISO-8601 instant such as 2026-03-14T09:41:00Z, not '" + at + "'");
        }
        if (when.isAfter(now.plusSeconds(60))) {
            throw new UsageException("--at " + at + " is in the future");
        }
        int deadlineSeconds;
        try {
            deadlineSeconds = deadline == null ? DEFAULT_DEADLINE_SECONDS : Integer.parseInt(deadline);
        } catch (NumberFormatException e) {
            throw new UsageException("--deadline-seconds must be a whole number, not '" + deadline + "'");
        }
        if (deadlineSeconds < 1 || deadlineSeconds > 900) {
            throw new UsageException("--deadline-seconds must be between 1 and 900");
        }
        URI endpointUri = null;
        if (endpoint != null) {
            try {
                endpointUri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--endpoint-url is not a URL: '" + endpoint + "'");
            }
            if (endpointUri.getScheme() == null || endpointUri.getHost() == null) {
                throw new UsageException("--endpoint-url needs a scheme and host, such as http://127.0.0.1:5000");
            }
        }
        return new Options(apiName, apiId, stage, region, when, deadlineSeconds, dryRun, save == null ? null : Path.of(save), endpointUri,
                event == null ? null : Path.of(event));
    }

    static Incident incident(Options o) {
        ApiRef api = o.apiName() != null ? ApiRef.restByName(o.apiName()) : ApiRef.http(o.apiId());
        return new Incident(TriggerSource.CLI, null, o.region(), api, o.stage(), null, o.at(), TimeWindow.around(o.at()));
    }

    private static void printPlan(Incident incident, Options o, PrintStream out) {
        String api = incident.api().label();
        out.println("Dry run: would investigate " + incident.apiStageLabel() + " in " + incident.region() + " around " + incident.at()
                + " (window " + incident.window().from() + " .. " + incident.window().to() + "), deadline " + o.deadlineSeconds() + " s"
                + (o.endpointUrl() != null ? ", endpoint " + o.endpointUrl() : ""));
        boolean rest = incident.api().type() == io.apigw5xx.responder.incident.ApiType.REST;
        if (incident.stageUnknown()) {
            out.println("Narrowing (the alarm covers every stage):");
            out.println(rest ? "  apigateway:GetRestApis (resolve '" + api + "' to its id), apigateway:GetStages"
                    : "  apigatewayv2:GetStages " + api);
            out.println("  cloudwatch:GetMetricData x1 (every stage's 5xx and Count over the alarm's evaluation window);"
                    + " the stage with the most errors is investigated, the others' rates reported");
        }
        out.println("Topology (first):");
        if (rest && incident.api().id() == null) {
            out.println("  apigateway:GetRestApis (resolve '" + api + "' to its id" + (incident.stageUnknown() ? "; reused from narrowing" : "")
                    + "), GetStage, GetResources?embed=methods, GetAuthorizers when a method uses one");
        } else if (rest) {
            out.println("  apigateway:GetRestApi " + incident.api().id() + ", GetStage, GetResources?embed=methods, GetAuthorizers when a method uses one");
        } else {
            out.println("  apigatewayv2:GetApi " + api + " (else apigateway:GetRestApi), GetStage, GetRoutes, GetIntegrations,"
                    + " GetAuthorizers when a route uses one");
        }
        out.println("  per Lambda target: lambda:GetFunction (+GetAlias when unresolved), lambda:GetPolicy");
        out.println("Then in parallel:");
        out.println("  cloudwatch:GetMetricData x1 (API 5xx/4xx/Count/Latency/IntegrationLatency"
                + (incident.scope().hasRoute() ? ", route " + incident.scope().routeLabel() + " 5xx/Count" : "")
                + " + per target Errors, Invocations, Throttles, Duration, ConcurrentExecutions; 60 s period)");
        out.println("  cloudtrail:LookupEvents per event source (apigateway, lambda; iam in us-east-1 for target roles; wafv2 when"
                + " the stage has a web ACL), <= 2 requests/s, pages of 50");
        out.println("  logs:StartQuery + GetQueryResults over /aws/lambda/<target> and the stage's execution/access log groups"
                + " (FilterLogEvents if Insights is unavailable)");
    }

    private static String oneLine(String s) {
        String line = s == null ? "" : s.replace('\n', ' ').replace('\t', ' ').strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
