package io.apigw5xx.responder.incident;

/** REST APIs (API Gateway v1) publish 5XXError keyed by ApiName; HTTP APIs (v2) publish 5xx keyed by ApiId. */
public enum ApiType {
    REST,
    HTTP
}
