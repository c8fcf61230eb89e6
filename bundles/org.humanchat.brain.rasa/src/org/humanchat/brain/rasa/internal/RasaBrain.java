package org.humanchat.brain.rasa.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.api.BrainRequest;
import org.humanchat.brain.api.BrainUnavailableException;
import org.humanchat.brain.support.HttpBrainCall;
import org.humanchat.brain.support.RetryPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Sends the newest end-user message to Rasa's REST channel, with the conversation as the sender id (Rasa keeps the
 * dialogue state itself). A {@code custom} payload with the handover key set hands over to humans.
 */
@Component(service = BrainConnector.class, configurationPid = "org.humanchat.brain.rasa",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RasaBrainConfig.class, factory = true)
public final class RasaBrain implements BrainConnector {

    private final URI endpoint;
    private final String handoverKey;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;
    private final HttpClient http;

    @Activate
    public RasaBrain(RasaBrainConfig config) {
        String base = config.baseUrl().strip().replaceAll("/+$", "");
        this.endpoint = URI.create(base + RasaProtocol.PATH);
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("The Rasa URL must be http or https: " + base);
        }
        this.handoverKey = config.handoverKey();
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.retryPolicy = new RetryPolicy(config.retries(), Duration.ofMillis(config.backoffMillis()));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public BrainAnswer answer(BrainRequest request) throws BrainUnavailableException {
        byte[] body = RasaProtocol.requestBody("humanchat-" + request.conversationId(), request.latestText());
        HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpBrainCall.send(http, post, retryPolicy, "Rasa", answer -> RasaProtocol.answer(answer, handoverKey));
    }
}
