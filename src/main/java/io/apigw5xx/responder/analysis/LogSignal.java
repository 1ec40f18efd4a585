package io.apigw5xx.responder.analysis;

import java.util.regex.Pattern;

/** Failure signatures recognised in Lambda, execution and access log lines (reference/logs.md). */
public enum LogSignal {
    /** REST execution log: the function threw; the client got 502. */
    CUSTOMER_FUNCTION_ERROR("Lambda execution failed with status 200 due to customer function error"),
    MALFORMED_PROXY_RESPONSE("Malformed Lambda proxy response"),
    INTEGRATION_TIMEOUT("Execution failed due to a timeout error|Endpoint request timed out|\"INTEGRATION_TIMEOUT\""),
    INVALID_PERMISSIONS("Invalid permissions on Lambda function"),
    LAMBDA_THROTTLED("Lambda invocation failed with status: 429|Rate Exceeded|TooManyRequestsException"),
    AUTHORIZER_ERROR("AUTHORIZER_CONFIGURATION_ERROR|AUTHORIZER_FAILURE|Authorizer error|AuthorizerConfigurationException"),
    /** HTTP integrations: the backend answered 5xx or could not be reached. */
    BACKEND_FAILURE("Received response\\. Status: 5\\d\\d|Network error communicating with endpoint|\"INTEGRATION_FAILURE\"|Connection refused|Invalid endpoint address"),
    TASK_TIMED_OUT("Task timed out after|Status: timeout|\"status\":\"timeout\""),
    ACCESS_DENIED("AccessDenied|is not authorized to perform"),
    /** A dependency the function calls failed or was slow. */
    DOWNSTREAM_ERROR("SocketTimeoutException|ConnectException|Read timed out|Unable to execute HTTP request|ServiceUnavailable|ProvisionedThroughputExceeded|Connection reset|UnknownHostException|Too many connections|connection pool"),
    LAMBDA_ERROR("Exception|\\tERROR\\t|\\[ERROR\\]|Invoke Error|Status: error|\"level\":\"ERROR\""),
    CONFIGURATION_ERROR("Execution failed due to configuration error|Lambda invocation failed with status: 40\\d|Unable to transform request"),
    /**
     * API Gateway's own configuration failing: request/response transformation, mapping-template (VTL) and
     * mapping-expression errors - evidence of an API configuration change, not of the function. The permission,
     * malformed-response and throttling variants of "configuration error" have their own signals.
     */
    API_CONFIG_ERROR("Unable to transform (request|response)|Invalid mapping expression|Invalid (request|response) (input )?template"
            + "|Error (evaluating|parsing) (the )?(mapping |request |response )?template|VTL|Velocity|Invalid stage variable value"
            + "|Execution failed due to configuration error: (?!Invalid permissions|Malformed Lambda proxy response|Rate Exceeded|Authorizer error|Invalid endpoint address)");

    private final Pattern pattern;

    LogSignal(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    public boolean matches(String line) {
        return pattern.matcher(line).find();
    }
}
