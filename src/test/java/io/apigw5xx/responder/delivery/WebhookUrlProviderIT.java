package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apigw5xx.responder.testing.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The webhook URL read from Secrets Manager and SSM Parameter Store as moto serves them. */
@ExtendWith(MotoServer.Extension.class)
class WebhookUrlProviderIT {

    private static final String URL = "https://hooks.slack.com/services/T0123ABC/B0456DEF/xYz123AbC456dEf789";
    private static SecretsManagerClient secrets;
    private static SsmClient ssm;
    private static MotoServer server;

    @BeforeAll
    static void clients(MotoServer moto) {
        server = moto;
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
        ssm = SsmClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @org.junit.jupiter.api.AfterAll
    static void resetMoto() {
        server.reset(); // the moto server is shared by the JVM's test classes: leave it as we found it
    }

    @Test
    void secretsManager_bareUrl_readOnceAndCached() {
        String name = "slack-" + UUID.randomUUID();
        String arn = secrets.createSecret(r -> r.name(name).secretString(URL)).arn();
        WebhookUrlProvider provider = WebhookUrlProvider.secretsManager(server.deliveryCalls().secretsManager(), arn);

        assertThat(provider.get()).hasToString(URL);
        secrets.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));
        assertThat(provider.get()).hasToString(URL); // cached for the container's life: no second read
        assertThat(provider.toString()).doesNotContain("hooks.slack.com");
    }

    @Test
    void secretsManager_jsonWithUrlKey_parsed() {
        String name = "slack-" + UUID.randomUUID();
        secrets.createSecret(r -> r.name(name).secretString("{\"url\":\"" + URL + "\",\"channel\":\"#ops\"}"));

        assertThat(WebhookUrlProvider.secretsManager(server.deliveryCalls().secretsManager(), name).get()).hasToString(URL);
    }

    @Test
    void parameterStore_secureString_decrypted() {
        String name = "/apigw5xx/slack-" + UUID.randomUUID();
        ssm.putParameter(r -> r.name(name).value(URL).type(ParameterType.SECURE_STRING));

        assertThat(WebhookUrlProvider.parameterStore(parameterStore(), name).get()).hasToString(URL);
    }

    @Test
    void parameterStore_missingParameter_awsErrorCodeWithoutValueAndRetriedNextTime() {
        String name = "/apigw5xx/slack-missing-" + UUID.randomUUID();
        WebhookUrlProvider provider = WebhookUrlProvider.parameterStore(parameterStore(), name);

        assertThatThrownBy(provider::get).isInstanceOf(WebhookUrlException.class)
                .hasMessageContaining("could not read SSM parameter " + name)
                .hasMessageContaining("ParameterNotFound");
        ssm.putParameter(r -> r.name(name).value(URL).type(ParameterType.SECURE_STRING));
        assertThat(provider.get()).hasToString(URL);
    }

    private static ParameterStore parameterStore() {
        return new ParameterStore(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Region.US_EAST_1,
                java.util.Optional.of(server.endpoint()));
    }

    @Test
    void secretsManager_missingSecret_clearReasonWithoutValueAndRetriedNextTime() {
        String name = "slack-missing-" + UUID.randomUUID();
        WebhookUrlProvider provider = WebhookUrlProvider.secretsManager(server.deliveryCalls().secretsManager(), name);

        assertThatThrownBy(provider::get).isInstanceOf(WebhookUrlException.class)
                .hasMessageContaining("could not read Secrets Manager secret " + name);
        secrets.createSecret(r -> r.name(name).secretString(URL));
        assertThat(provider.get()).hasToString(URL);
    }

    @Test
    void secretsManager_notAUrl_refusedWithoutEchoingIt() {
        String name = "slack-bad-" + UUID.randomUUID();
        secrets.createSecret(r -> r.name(name).secretString("ftp://sekrit-value"));

        assertThatThrownBy(() -> WebhookUrlProvider.secretsManager(server.deliveryCalls().secretsManager(), name).get())
                .isInstanceOf(WebhookUrlException.class).hasMessageNotContaining("sekrit-value")
                .hasMessageContaining("does not hold an http(s) URL");
    }
}
