package io.apigw5xx.responder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

@ExtendWith(MotoServer.Extension.class)
class MotoServerIT {

    @Test
    void reset_forgetsTopicsCreatedBefore(MotoServer moto) {
        try (SnsClient sns = SnsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            moto.reset(); // the server is shared by every IT in this JVM
            sns.createTopic(b -> b.name("findings"));
            assertThat(sns.listTopics().topics()).hasSize(1);

            moto.reset();

            assertThat(sns.listTopics().topics()).isEmpty();
        }
    }
}
