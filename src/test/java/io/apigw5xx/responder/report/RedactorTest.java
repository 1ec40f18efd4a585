package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "access key id AKIA       | creds AKIAIOSFODNN7EXAMPLE used                                         | AKIAIOSFODNN7EXAMPLE",
            "temporary key id ASIA    | key=ASIAY34FZKBOKMUTVV7A                                                | ASIAY34FZKBOKMUTVV7A",
            "secret access key pair   | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY          | wJalrXUtnFEMI/K7MDENG",
            "bare 40-char secret      | signing with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY now               | wJalrXUtnFEMI/K7MDENG",
            "password key=value       | connect failed password=hunter2hunter2 host=db                         | hunter2hunter2",
            "JSON token field         | {\"token\": \"s3cr3t-t0ken-value\", \"user\": \"bob\"}                  | s3cr3t-t0ken-value",
            "api key header style     | x-api-key: abcDEF123456ghiJKL                                          | abcDEF123456ghiJKL",
            "bearer token             | curl -H 'X: Bearer eyJhbGciOi.abc.def' https://x                        | eyJhbGciOi.abc.def",
            "authorization header     | Authorization: Basic dXNlcjpwYXNzd29yZA==                               | dXNlcjpwYXNzd29yZA==",
            "authorization in JSON    | {\"headers\":{\"Authorization\":\"AWS4-HMAC-SHA256 Credential=AKIDX/2026\"}} | AWS4-HMAC-SHA256 Credential",
            "password in URL          | cannot reach postgres://app:Sup3rS3cret@db.internal:5432/orders        | Sup3rS3cret",
            "password in https URL    | GET https://admin:pa55word@api.example.com/v1 failed                   | pa55word",
            "slack webhook URL        | posting to https://hooks.slack.com/services/T0123ABC/B0456DEF/xYz123AbC456dEf789 | T0123ABC/B0456DEF",
            "slack token              | using xoxb-1234567890-abcdefghijkl                                      | xoxb-1234567890",
            "JWT                      | id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fw        | eyJzdWIiOiIxMjM0In0"})
    void redact_secretPattern_isRemoved(String name, String input, String secret) {
        String out = Redactor.redact(input);

        assertThat(out).doesNotContain(secret).contains("[REDACTED");
        assertThat(Redactor.redact(out)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain error   | ERROR Runtime.ImportModuleError: Cannot find module 'pg'",
            "request id    | RequestId: 2f1e8c0a-5b7d-4c11-9d0e-3a6f8b2c1d4e Duration: 3001.12 ms",
            "sha1 hex      | commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 deployed",
            "arn           | arn:aws:lambda:us-east-1:123456789012:function:orders-handler:42"})
    void redact_ordinaryLogLine_isUnchanged(String name, String input) {
        assertThat(Redactor.redact(input)).isEqualTo(input);
    }

    @org.junit.jupiter.api.Test
    void redact_hugeTextWithSecretNearTheCut_neverLeavesAFragment() {
        String input = "a".repeat(Redactor.MAX_TEXT - 10) + "AKIAIOSFODNN7EXAMPLE" + "b".repeat(1000);

        String out = Redactor.redact(input);

        assertThat(out).doesNotContain("AKIAIOSF").contains("characters cut]");
        assertThat(out.length()).isLessThan(Redactor.MAX_TEXT + 40);
    }
}
