package io.apigw5xx.responder.evidence;

/**
 * One route's (HTTP API) or resource method's (REST API) integration as API Gateway describes it.
 *
 * @param route                 "POST /orders" (REST: method + resource path; HTTP: the route key)
 * @param type                  AWS_PROXY, AWS, HTTP_PROXY, HTTP, MOCK
 * @param uri                   the integration URI verbatim (may contain ${stageVariables.x})
 * @param integrationHttpMethod the method API Gateway uses to call the backend (must be POST for Lambda)
 * @param timeoutMillis         {@code timeoutInMillis}; null when the API uses the default
 * @param connectionType        INTERNET or VPC_LINK
 * @param lambdaFunction        function name the URI points at, or null when it is not a Lambda integration
 * @param lambdaQualifier       alias or version in the URI, or null
 */
public record Integration(
        String route,
        String type,
        String uri,
        String integrationHttpMethod,
        Integer timeoutMillis,
        String connectionType,
        String connectionId,
        String lambdaFunction,
        String lambdaQualifier) {}
