package org.humanchat.channel.support;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 request signatures, compared in constant time. */
public final class Signatures {

    private Signatures() {
    }

    /** Lower-case hex HMAC-SHA256 of {@code body} keyed with {@code secret}. */
    public static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code presented} (e.g. "sha256=ab12...") is {@code expectedPrefix} plus the body's signature. */
    public static boolean verify(String secret, byte[] body, String expectedPrefix, String presented) {
        if (presented == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String expected = expectedPrefix + hmacSha256Hex(secret, body);
        return constantTimeEquals(expected, presented.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
