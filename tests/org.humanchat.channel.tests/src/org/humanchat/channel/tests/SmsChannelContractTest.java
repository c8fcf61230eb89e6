package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The example SMS connector (a Twilio-style provider): the provider POSTs a form signed in {@code X-Twilio-Signature}
 * (Base64 of the HMAC-SHA1, keyed with the auth token, of the webhook's URL followed by every parameter's name and
 * value sorted by name) and takes replies at {@code /2010-04-01/Accounts/{sid}/Messages.json}.
 * <p>
 * The example is in no feature, as a connector someone else wrote: the test installs its jar as built by the reactor,
 * without starting it (so that it registers nothing), makes the connector from its classes, and uninstalls it after.
 */
class SmsChannelContractTest extends ChannelConnectorContract {

    private static final String AUTH_TOKEN = "sms-auth-token";
    private static Bundle example;

    @BeforeAll
    static void installTheExample() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SmsChannelContractTest.class).getBundleContext();
        example = context.installBundle("humanchat-test:sms-contract", new ByteArrayInputStream(ConnectorJars.sms()));
    }

    @AfterAll
    static void uninstallTheExample() throws Exception {
        if (example != null) {
            example.uninstall();
        }
    }

    @Override
    String type() {
        return "sms";
    }

    @Override
    ChannelConnector connector(long channelId, String platformUrl) throws Exception {
        Class<?> configType = example.loadClass(ConnectorJars.SMS + ".internal.SmsConfig");
        Object config = Configs.of(configType, Map.of("humanchat.channel.id", channelId, "accountSid", "AC1",
                "authToken", AUTH_TOKEN, "fromNumber", "+4930555", "publicUrl", publicUrl(channelId),
                "apiBaseUrl", platformUrl, "timeoutMillis", 2_000));
        return (ChannelConnector) example.loadClass(ConnectorJars.SMS + ".internal.SmsChannel")
                .getConstructor(configType).newInstance(config);
    }

    private String publicUrl(long channelId) {
        return channels.uri("/channels/" + channelId + "/").toString();
    }

    /** The form, signed with {@code key} as the provider signs it. */
    private Delivery form(Map<String, String> fields, String key) throws Exception {
        SmsForm form = SmsForm.signed(publicUrl(channel.id()), fields, key);
        return Delivery.of("/", form.body(), Map.of("Content-Type", SmsForm.CONTENT_TYPE,
                SmsForm.SIGNATURE_HEADER, form.signature()));
    }

    private static Map<String, String> sms(String sid, String sender, String text) {
        return Map.of("MessageSid", "SM" + sid, "AccountSid", "AC1", "From", "+" + sender, "To", "+4930555",
                "Body", text);
    }

    /** A form's value carries U+0000 as %00, the character itself. */
    @Override
    String nulInText() {
        return "\u0000";
    }

    @Override
    Delivery message(String externalId, String sender, String text) throws Exception {
        return form(sms(externalId, sender, text), AUTH_TOKEN);
    }

    @Override
    Delivery forged(String externalId, String sender, String text) throws Exception {
        return form(sms(externalId, sender, text), "wrong-token");
    }

    /** Signed, but without the MessageSid every SMS webhook has. */
    @Override
    Delivery malformed() throws Exception {
        return form(Map.of("AccountSid", "AC1", "From", "+" + SENDER, "To", "+4930555", "Body", "Hi"), AUTH_TOKEN);
    }

    /** The example stores text messages only: a form without a Body stores nothing, and it takes no status callback. */
    @Override
    List<StoringRequest> otherStoringRequests() {
        return List.of();
    }

    @Override
    String senderId(String sender) {
        return "+" + sender;
    }

    /** The provider refuses a wrong signature with 403, as Twilio's own examples do. */
    @Override
    int refusedStatus() {
        return 403;
    }

    @Override
    Response accepted() {
        return new Response(201, "{\"sid\":\"SM-OUT\",\"account_sid\":\"AC1\",\"status\":\"queued\"}", 0);
    }

    @Override
    void assertSent(FakeHttpServer.Request call, String sender, String text) {
        assertEquals("/2010-04-01/Accounts/AC1/Messages.json", call.path());
        assertTrue(call.header("Authorization").startsWith("Basic "), call.header("Authorization"));
        assertTrue(call.bodyText().contains("To=" + URLEncoder.encode("+" + sender, StandardCharsets.UTF_8)),
                call.bodyText());
        assertTrue(call.bodyText().contains("Body=" + URLEncoder.encode(text, StandardCharsets.UTF_8)),
                call.bodyText());
    }
}
