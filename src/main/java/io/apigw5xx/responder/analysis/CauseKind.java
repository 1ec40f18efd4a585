package io.apigw5xx.responder.analysis;

/** The cause catalogue of DESIGN.md §4. */
public enum CauseKind {
    LAMBDA_DEPLOY_REGRESSION("Lambda deploy regression"),
    LAMBDA_TIMEOUT("Lambda timeout"),
    INTEGRATION_TIMEOUT("Integration timeout"),
    INVOKE_PERMISSION_REMOVED("Lambda invoke permission removed"),
    EXECUTION_ROLE_CHANGED("Execution role changed"),
    API_CONFIG_CHANGE("API configuration or deployment change"),
    RESOURCE_POLICY_CHANGE("Resource policy change"),
    THROTTLING("Throttling / concurrency limit"),
    MALFORMED_PROXY_RESPONSE("Malformed Lambda proxy response"),
    HTTP_BACKEND_UNAVAILABLE("HTTP backend unavailable"),
    DOWNSTREAM_DEPENDENCY("Downstream dependency failing"),
    AUTHORIZER_FAILURE("Authorizer failure"),
    STATIC_MISCONFIGURATION("Static misconfiguration"),
    UNKNOWN("Unknown");

    private final String title;

    CauseKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
