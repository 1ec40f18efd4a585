package io.apigw5xx.responder.cli;

import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
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
        return "--api-name NAME | --api-id ID --stage S [--region R] [--at ISO] [--deadline-seconds N] [--dry-run]"
                + " [--save-evidence FILE] [--endpoint-url URL]: investigate an API stage in AWS now";
    }

    /** Parsed arguments. {@code apiId} is tried as an HTTP API first, then as a REST API. */
    record Options(String apiName, String apiId, String stage, String region, Instant at, int deadlineSeconds, boolean dryRun,
            Path saveEvidence, URI endpointUrl) {}

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
        Incident incident = incident(options);
        if (options.dryRun()) {
            printPlan(incident, options, out);
            return 0;
        }
        AwsClients.Builder builder = AwsClients.builder().region(options.region());
        URI endpoint = options.endpointUrl() != null ? options.endpointUrl() : envUrl("AWS_ENDPOINT_URL");
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        URI cloudTrail = envUrl("AWS_ENDPOINT_URL_CLOUDTRAIL");
        if (cloudTrail != null) {
            builder.endpoint(AwsClients.Service.CLOUDTRAIL, cloudTrail);
        }
        try (AwsClients clients = builder.build()) {
            Evidence evidence = new AwsEvidenceGatherer(clients, clock)
                    .gather(incident, clock.instant().plusSeconds(options.deadlineSeconds()));
            if (options.saveEvidence() != null) {
                Files.writeString(options.saveEvidence(), new BundleCodec().write(EvidenceBundle.of(incident, evidence)));
                err.println("evidence bundle written to " + options.saveEvidence());
            }
            out.print(new MarkdownReport().render(new RunbookAnalyzer().analyze(incident, evidence, clock.instant())));
        }
        return 0;
    }

    private static URI envUrl(String name) {
        String env = System.getenv(name);
        return env == null || env.isBlank() ? null : URI.create(env.trim());
    }

    static Options parse(List<String> args, Instant now, String envRegion) throws UsageException {
        String apiName = null, apiId = null, stage = null, region = envRegion, at = null, deadline = null, save = null, endpoint = null;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--api-name", "--api-id", "--stage", "--region", "--at", "--deadline-seconds", "--save-evidence", "--endpoint-url" -> {
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
                        default -> endpoint = value;
                    }
                }
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if ((apiName == null) == (apiId == null)) {
            throw new UsageException("give exactly one of --api-name (REST API) or --api-id");
        }
        if (stage == null) {
            throw new UsageException("--stage is required");
        }
        if (region == null || region.isBlank()) {
            throw new UsageException("--region is required when AWS_REGION is not set");
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
        return new Options(apiName, apiId, stage, region, when, deadlineSeconds, dryRun, save == null ? null : Path.of(save), endpointUri);
    }

    static Incident incident(Options o) {
        ApiRef api = o.apiName() != null ? ApiRef.restByName(o.apiName()) : ApiRef.http(o.apiId());
        return new Incident(TriggerSource.CLI, null, o.region(), api, o.stage(), null, o.at(), TimeWindow.around(o.at()));
    }

    private static void printPlan(Incident incident, Options o, PrintStream out) {
        String api = incident.api().label();
        out.println("Dry run: would investigate " + incident.apiStageLabel() + " in " + o.region() + " around " + o.at()
                + " (window " + incident.window().from() + " .. " + incident.window().to() + "), deadline " + o.deadlineSeconds() + " s"
                + (o.endpointUrl() != null ? ", endpoint " + o.endpointUrl() : ""));
        out.println("Topology (first):");
        if (o.apiName() != null) {
            out.println("  apigateway:GetRestApis (resolve '" + api + "' to its id), GetStage, GetResources?embed=methods,"
                    + " GetAuthorizers when a method uses one");
        } else {
            out.println("  apigatewayv2:GetApi " + api + " (else apigateway:GetRestApi), GetStage, GetRoutes, GetIntegrations,"
                    + " GetAuthorizers when a route uses one");
        }
        out.println("  per Lambda target: lambda:GetFunction (+GetAlias when unresolved), lambda:GetPolicy");
        out.println("Then in parallel:");
        out.println("  cloudwatch:GetMetricData x1 (API 5xx/4xx/Count/Latency/IntegrationLatency + per target Errors, Invocations,"
                + " Throttles, Duration, ConcurrentExecutions; 60 s period)");
        out.println("  cloudtrail:LookupEvents per event source (apigateway, lambda; iam in us-east-1 for target roles; wafv2 when"
                + " the stage has a web ACL), <= 2 requests/s, pages of 50");
        out.println("  logs:StartQuery + GetQueryResults over /aws/lambda/<target> and the stage's execution/access log groups"
                + " (FilterLogEvents if Insights is unavailable)");
        out.println("No AWS call was made.");
    }


    private static String oneLine(String s) {
        String line = s == null ? "" : s.replace('\n', ' ').replace('\t', ' ').strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
