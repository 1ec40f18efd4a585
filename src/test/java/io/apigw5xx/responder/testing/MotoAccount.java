package io.apigw5xx.responder.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Seeds moto through the SDK the way an AWS account would be set up: IAM roles, Lambda functions (moto
 * creates them without Docker), versions, aliases and permissions, REST and HTTP APIs with Lambda proxy
 * integrations and stages, log groups with log lines, and metric data. For the adapter tests and the
 * end-to-end handler test.
 */
public final class MotoAccount implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** moto's default account id. */
    public static final String ACCOUNT = "123456789012";

    private final URI endpoint;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final ApiGatewayClient rest;
    private final ApiGatewayV2Client httpApis;
    private final LambdaClient lambda;
    private final CloudWatchLogsClient logs;
    private final CloudWatchClient cloudWatch;

    public MotoAccount(URI endpoint) {
        this.endpoint = endpoint;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        Region region = Region.of(REGION);
        rest = ApiGatewayClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        httpApis = ApiGatewayV2Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        lambda = LambdaClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
        cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(http).build();
    }

    /**
     * Creates an IAM role with a plain query-protocol call (the project ships no IAM SDK module; moto checks
     * that a function's role exists).
     */
    public String createRole(String name) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        iam("CreateRole " + name, "Action=CreateRole&Version=2010-05-08&RoleName=" + enc(name) + "&AssumeRolePolicyDocument=" + enc(policy));
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    /** A customer-managed policy allowing {@code action} on everything; returns its ARN. */
    public String createPolicy(String name, String action) {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}]}";
        iam("CreatePolicy " + name, "Action=CreatePolicy&Version=2010-05-08&PolicyName=" + enc(name) + "&PolicyDocument=" + enc(document));
        return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
    }

    public void attachRolePolicy(String role, String policyArn) {
        iam("AttachRolePolicy " + role, "Action=AttachRolePolicy&Version=2010-05-08&RoleName=" + enc(role) + "&PolicyArn=" + enc(policyArn));
    }

    /** One IAM query-protocol call (moto routes it by the credential scope's service; it does not check the signature). */
    private void iam(String what, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && !response.body().contains("EntityAlreadyExists")) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Java function with a tiny zip (moto stores the code; it does not run it here). */
    public String createFunction(String name, String roleArn, int timeoutSeconds) {
        return lambda.createFunction(r -> r.functionName(name).runtime(Runtime.JAVA21).role(roleArn)
                .handler("example.Handler::handleRequest").timeout(timeoutSeconds).memorySize(512)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(tinyZip())))).functionArn();
    }

    public String publishVersion(String function) {
        return lambda.publishVersion(r -> r.functionName(function)).version();
    }

    public void createAlias(String function, String alias, String version) {
        lambda.createAlias(r -> r.functionName(function).name(alias).functionVersion(version));
    }

    /** Lets API Gateway invoke the function (or the alias/version named by {@code qualifier}). */
    public void allowApiGateway(String function, String qualifier, String apiId) {
        lambda.addPermission(r -> r.functionName(function).qualifier(qualifier).statementId("apigw-" + apiId)
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + apiId + "/*/*/*"));
    }

    public static String lambdaIntegrationUri(String functionArnOrExpression) {
        return "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + functionArnOrExpression + "/invocations";
    }

    public static String functionArn(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    /**
     * A REST API with one resource per route ("POST /orders" → integration URI, Lambda proxy), deployed to
     * {@code stage}. Returns the API id.
     */
    public String createRestApi(String name, String stage, Map<String, String> routeToUri) {
        String apiId = rest.createRestApi(r -> r.name(name)).id();
        String rootId = rest.getResources(r -> r.restApiId(apiId)).items().stream().filter(r -> "/".equals(r.path()))
                .findFirst().orElseThrow().id();
        for (Map.Entry<String, String> route : routeToUri.entrySet()) {
            String[] parts = route.getKey().split(" ", 2);
            String resourceId = rest.createResource(r -> r.restApiId(apiId).parentId(rootId).pathPart(parts[1].substring(1))).id();
            rest.putMethod(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(parts[0]).authorizationType("NONE"));
            rest.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(parts[0]).type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST").uri(route.getValue()).timeoutInMillis(29_000));
        }
        rest.createDeployment(r -> r.restApiId(apiId).stageName(stage));
        return apiId;
    }

    /** A metric alarm: Sum over 60 s, greater than {@code threshold}, one period. */
    public void putMetricAlarm(String name, String namespace, String metric, Map<String, String> dimensions, double threshold) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace(namespace).metricName(metric)
                .dimensions(dimensions.entrySet().stream().map(d -> software.amazon.awssdk.services.cloudwatch.model.Dimension.builder()
                        .name(d.getKey()).value(d.getValue()).build()).toList())
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(threshold).comparisonOperator("GreaterThanThreshold"));
    }

    /** Deploys the REST API's current configuration to another stage. */
    public void deployStage(String apiId, String stage) {
        rest.createDeployment(r -> r.restApiId(apiId).stageName(stage));
    }

    /** Turns on execution logging (ERROR) and access logging to {@code accessLogGroup} on a REST stage. */
    public void enableRestLogging(String apiId, String stage, String accessLogGroup) {
        patchStage(apiId, stage, "[{\"op\":\"replace\",\"path\":\"/*/*/logging/loglevel\",\"value\":\"ERROR\"},"
                + "{\"op\":\"replace\",\"path\":\"/accessLogSettings/destinationArn\",\"value\":\"arn:aws:logs:" + REGION + ":"
                + ACCOUNT + ":log-group:" + accessLogGroup + "\"},"
                + "{\"op\":\"replace\",\"path\":\"/accessLogSettings/format\",\"value\":\"{\\\"status\\\":\\\"$context.status\\\"}\"}]");
    }

    public void setStageVariable(String apiId, String stage, String variable, String value) {
        patchStage(apiId, stage, "[{\"op\":\"replace\",\"path\":\"/variables/" + variable + "\",\"value\":\"" + value + "\"}]");
    }

    /**
     * UpdateStage is an HTTP PATCH, which the SDK's UrlConnectionHttpClient cannot send (HttpURLConnection
     * refuses the method), so the seeder sends it with the JDK client. The responder itself only reads.
     */
    private void patchStage(String apiId, String stage, String patchOperations) {
        send(HttpRequest.newBuilder(endpoint.resolve("/restapis/" + apiId + "/stages/" + stage))
                .header("Content-Type", "application/json")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"patchOperations\":" + patchOperations + "}")).build(),
                "UpdateStage " + apiId + "/" + stage);
    }

    private static String send(HttpRequest request, String what) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP API with Lambda proxy routes ("POST /orders" → function ARN) and an auto-deployed stage. */
    public String createHttpApi(String name, String stage, Map<String, String> routeToFunctionArn) {
        String apiId = httpApis.createApi(r -> r.name(name).protocolType("HTTP")).apiId();
        for (Map.Entry<String, String> route : routeToFunctionArn.entrySet()) {
            String integrationId = httpApis.createIntegration(r -> r.apiId(apiId).integrationType("AWS_PROXY")
                    .integrationUri(route.getValue()).integrationMethod("POST").payloadFormatVersion("2.0")
                    .timeoutInMillis(30_000)).integrationId();
            httpApis.createRoute(r -> r.apiId(apiId).routeKey(route.getKey()).target("integrations/" + integrationId));
        }
        httpApis.createStage(r -> r.apiId(apiId).stageName(stage).autoDeploy(true));
        return apiId;
    }

    public void createLogGroup(String group) {
        logs.createLogGroup(r -> r.logGroupName(group));
    }

    /** Writes lines to {@code group}/{@code stream} (group and stream created when missing), one per second from {@code first}. */
    public void putLogLines(String group, String stream, Instant first, List<String> lines) {
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().stream().noneMatch(g -> g.logGroupName().equals(group))) {
            createLogGroup(group);
        }
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(InputLogEvent.builder().timestamp(first.plusSeconds(i).toEpochMilli()).message(lines.get(i)).build());
        }
        events.sort(Comparator.comparing(InputLogEvent::timestamp));
        logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    /**
     * One datapoint per minute for {@code values}, the last at {@code last}. Dimensions are sent sorted by
     * name: moto 5.2.5 matches GetMetricData dimensions in order (CloudWatch does not), and the adapter asks
     * ApiName/ApiId before Stage.
     */
    public void putMetric(String namespace, String metric, Map<String, String> dimensions, Instant last, double... values) {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant t = last.minusSeconds(60L * (values.length - 1 - i));
            double v = values[i];
            data.add(MetricDatum.builder().metricName(metric).timestamp(t).value(v)
                    .dimensions(dimensions.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(d -> software.amazon.awssdk.services.cloudwatch.model.Dimension
                            .builder().name(d.getKey()).value(d.getValue()).build()).toList()).build());
        }
        for (int from = 0; from < data.size(); from += 20) {
            List<MetricDatum> chunk = data.subList(from, Math.min(data.size(), from + 20));
            cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(chunk));
        }
    }

    static byte[] tinyZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README"));
            zip.write("placeholder".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        rest.close();
        httpApis.close();
        lambda.close();
        logs.close();
        cloudWatch.close();
        http.close();
    }
}
