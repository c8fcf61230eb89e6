package org.humanchat.example.sms.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.humanchat.channel.api.FileRef;
import org.humanchat.channel.api.IncomingMessage;
import org.humanchat.channel.api.OutgoingMessage;
import org.humanchat.channel.api.SendException;
import org.humanchat.channel.support.PlatformCall;
import org.humanchat.channel.support.Signatures;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMS number of a Twilio-style provider: an example connector, built with Human Chat but shipped in no feature. It
 * uses nothing but the channel API, its support bundle and the JDK.
 * <p>
 * Inbound: the provider POSTs each SMS to {@code /channels/{id}/} as a form ({@code MessageSid}, {@code AccountSid},
 * {@code From}, {@code To}, {@code Body}; other parameters are signed but not read), signed in
 * {@code X-Twilio-Signature}: Base64 of the HMAC-SHA1, keyed with the auth token, of the URL it posted to followed by
 * the name and value of every parameter, sorted by name. The message is stored with the sender's phone number as the
 * sender id and {@code MessageSid} as its platform id, so the context drops redeliveries. An SMS without text (an MMS
 * with media only) is answered and not stored: this example fetches no media.
 * <p>
 * Which URL was signed: a {@link ChannelRequest} carries the path under the channel, the query and the headers, but
 * not the URL. Without {@code publicUrl} the URL is rebuilt as {@code http://{Host}/channels/{id}{path}} (the endpoint
 * speaks plain HTTP), with the query, if any, rebuilt in name order. That matches only when the provider reaches the
 * endpoint directly; behind a proxy or a TLS terminator, set {@code publicUrl} to the webhook URL exactly as entered at
 * the provider.
 * <p>
 * Outbound: {@code POST {apiBaseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json} with Basic auth; the answer's
 * {@code sid} is the platform reference. SMS carries no files here: each file is named at the end of the text as
 * {@code [file: name]} instead.
 */
@Component(service = ChannelConnector.class, configurationPid = "org.humanchat.example.sms",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmsConfig.class, factory = true)
public final class SmsChannel implements ChannelConnector {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    /** TwiML that asks the provider to send no automatic answer. */
    static final String EMPTY_ANSWER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private static final Logger LOG = LoggerFactory.getLogger(SmsChannel.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PLATFORM = "SMS provider";
    /** An SMS webhook is a short form; nothing near the endpoint's default limit is legitimate. */
    private static final long BODY_LIMIT = 64 * 1024;
    private static final Pattern SID_FIELD = Pattern.compile("\"sid\"\\s*:\\s*\"([^\"\\\\]*)\"");

    /** One form parameter; a name may occur more than once. */
    private record Param(String name, String value) {
    }

    /** The order the provider signs parameters in: by name (and by value for a repeated name). */
    private static final Comparator<Param> SIGNED_ORDER = Comparator.comparing(Param::name)
            .thenComparing(Param::value);

    private final String accountSid;
    private final String authToken;
    private final String fromNumber;
    private final String publicUrl;
    private final URI messagesUri;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public SmsChannel(SmsConfig config) {
        if (isBlank(config.accountSid()) || isBlank(config.authToken()) || isBlank(config.fromNumber())) {
            throw new IllegalArgumentException("An SMS number needs its account SID, auth token and from number");
        }
        this.accountSid = config.accountSid().strip();
        this.authToken = config.authToken().strip();
        this.fromNumber = config.fromNumber().strip();
        this.publicUrl = config.publicUrl() == null ? "" : config.publicUrl().strip();
        String base = config.apiBaseUrl().strip().replaceAll("/+$", "");
        this.messagesUri = URI.create(base + "/2010-04-01/Accounts/"
                + URLEncoder.encode(accountSid, StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public long bodyLimit(String method, String path, ChannelContext context) {
        return BODY_LIMIT;
    }

    @Override
    public ChannelResponse handle(ChannelRequest request, ChannelContext context) throws ChannelException {
        if (!request.method().equals("POST")) {
            throw new ChannelException(405, "method_not_allowed", "The SMS webhook takes POST only, not "
                    + request.method());
        }
        if (!(request.path().isEmpty() || request.path().equals("/"))) {
            throw ChannelException.notFound("The SMS provider posts to /channels/{id}/");
        }
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            throw ChannelException.malformed("An SMS webhook posts a form (" + FORM + "), not '" + contentType + "'");
        }
        List<Param> form = parseForm(request.bodyText());
        String url = signedUrl(request, context);
        if (!Signatures.constantTimeEquals(signature(url, form), request.header(SIGNATURE_HEADER).orElse(""))) {
            LOG.debug("Channel {}: an SMS webhook with a missing or wrong signature was refused", context.channelId());
            throw new ChannelException(403, "bad_signature", "Missing or wrong " + SIGNATURE_HEADER
                    + (publicUrl.isEmpty() ? " (checked against " + url + "; behind a proxy, set publicUrl)" : ""));
        }
        if (!accountSid.equals(first(form, "AccountSid").orElse(""))) {
            throw ChannelException.forbidden("The message is for another account than this channel's");
        }
        String messageSid = first(form, "MessageSid").filter(sid -> !sid.isBlank())
                .orElseThrow(() -> ChannelException.malformed("An SMS webhook has a MessageSid"));
        String from = first(form, "From").filter(number -> !number.isBlank())
                .orElseThrow(() -> ChannelException.malformed("An SMS webhook has the sender's number in From"));
        String text = first(form, "Body").orElse("");
        if (text.isBlank()) {
            LOG.debug("Channel {}: SMS {} has no text; nothing stored", context.channelId(), messageSid);
            return answer();
        }
        ChannelContext.Stored stored = context.receive(new IncomingMessage(from, null, messageSid, text, List.of()));
        LOG.debug("Channel {}: SMS {} stored as message {}{}", context.channelId(), messageSid, stored.messageId(),
                stored.duplicate() ? " (a redelivery)" : "");
        return answer();
    }

    private static ChannelResponse answer() {
        return ChannelResponse.text(200, "text/xml", EMPTY_ANSWER);
    }

    /** The form's parameters in body order. */
    private static List<Param> parseForm(String body) throws ChannelException {
        List<Param> params = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                params.add(new Param(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw ChannelException.malformed("The form has a badly encoded parameter: " + e.getMessage());
            }
        }
        return params;
    }

    private static Optional<String> first(List<Param> form, String name) {
        return form.stream().filter(param -> param.name().equals(name)).map(Param::value).findFirst();
    }

    /** The URL the provider signed: {@code publicUrl}, else this request's own URL as far as the request tells it. */
    private String signedUrl(ChannelRequest request, ChannelContext context) throws ChannelException {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        String host = request.header("Host").filter(value -> !value.isBlank())
                .orElseThrow(() -> ChannelException.malformed(
                        "The request has no Host header to check its signature against; set publicUrl"));
        return "http://" + host + "/channels/" + context.channelId() + request.path() + query(request);
    }

    private static String query(ChannelRequest request) {
        if (request.query().isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        new TreeMap<>(request.query()).forEach((name, values) -> values.forEach(value -> query
                .add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }

    /** Base64 of the HMAC-SHA1 of the URL followed by each parameter's name and value, keyed with the auth token. */
    private String signature(String url, List<Param> form) {
        StringBuilder signed = new StringBuilder(url);
        form.stream().sorted(SIGNED_ORDER).forEach(param -> signed.append(param.name()).append(param.value()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    @Override
    public String send(OutgoingMessage message, ChannelContext context) throws SendException {
        String text = textWithFileNames(message);
        if (text.isBlank()) {
            throw SendException.permanent("An SMS needs text; this message has none");
        }
        String form = formField("To", message.recipientId()) + "&" + formField("From", fromNumber) + "&"
                + formField("Body", text);
        HttpRequest request = HttpRequest.newBuilder(messagesUri).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> response = PlatformCall.send(http, request, PLATFORM);
        return messageSid(response.body()).orElse(null);
    }

    /** SMS carries no files here: each one is named at the end of the text instead. */
    private static String textWithFileNames(OutgoingMessage message) {
        StringBuilder text = new StringBuilder(message.text() == null ? "" : message.text());
        for (FileRef file : message.files()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("[file: ").append(file.name()).append(']');
        }
        return text.toString();
    }

    private static String formField(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The provider's id of the sent message: the top-level {@code sid} of its JSON answer. One field does not justify
     * a JSON library in an example; {@code "sid"} with its quotes does not match {@code account_sid} and the like.
     */
    private static Optional<String> messageSid(byte[] answer) {
        if (answer == null) {
            return Optional.empty();
        }
        Matcher sid = SID_FIELD.matcher(new String(answer, StandardCharsets.UTF_8));
        return sid.find() ? Optional.of(sid.group(1)) : Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
