package org.humanchat.brain.webhook.internal;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each message, with the conversation's history, to the configured URL, signed with HMAC-SHA256; the response
 * carries the replies and the action. Timeouts, 5xx and refused connections are retried per the instance's policy;
 * then, like a 4xx or a malformed answer, they make the Brain unavailable (the conversation goes to humans).
 */
@Component(service = BrainConnector.class, configurationPid = "org.humanchat.brain.webhook",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookBrainConfig.class, factory = true)
public final class WebhookBrain implements BrainConnector {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookBrain.class);

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;
    private final HttpClient http;

    @Activate
    public WebhookBrain(WebhookBrainConfig config) {
        this.url = URI.create(config.url().strip());
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("The webhook Brain URL must be http or https: " + url);
        }
        this.secret = config.secret();
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.retryPolicy = new RetryPolicy(config.retries(), Duration.ofMillis(config.backoffMillis()));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public BrainAnswer answer(BrainRequest request) throws BrainUnavailableException {
        return exchange("message", request);
    }

    @Override
    public BrainAnswer resumed(BrainRequest request) throws BrainUnavailableException {
        return exchange("resumed", request);
    }

    @Override
    public void left(BrainRequest request) {
        try {
            exchange("left", request);
        } catch (BrainUnavailableException e) {
            LOG.info("Conversation {}: the webhook Brain was not told that it left: {}", request.conversationId(),
                    e.getMessage());
        }
    }

    private BrainAnswer exchange(String event, BrainRequest request) throws BrainUnavailableException {
        byte[] body = WebhookProtocol.requestBody(event, request);
        HttpRequest post = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookProtocol.SIGNATURE_HEADER, WebhookProtocol.signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpBrainCall.send(http, post, retryPolicy, "The webhook Brain", WebhookProtocol::answer);
    }
}
