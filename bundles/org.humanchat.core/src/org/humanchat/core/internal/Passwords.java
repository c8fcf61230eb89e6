package org.humanchat.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.humanchat.api.service.AccountService;

/**
 * Password hashes with Argon2id (Bouncy Castle), kept as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with the parameters OWASP recommends as the minimum; and the
 * rules a new password must meet: {@link AccountService#MIN_PASSWORD_LENGTH} characters, not common (the list in
 * {@code passwords/common-passwords.txt}), not the agent's email or name.
 */
public final class Passwords {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_LENGTH = 1024;

    private static final Pattern PHC = Pattern
            .compile("\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** Declared before {@link #NOBODY}, which is computed when the class is initialized. */
    private static final java.util.concurrent.atomic.AtomicLong COMPUTED = new java.util.concurrent.atomic.AtomicLong();
    /** Compared against when there is no password to compare with, so that that case takes as long. */
    private static final String NOBODY = hash("no account has this password".toCharArray());

    private static volatile Set<String> common;

    private Passwords() {
    }

    static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the password matches the hash; a missing or unreadable hash takes as long as a wrong password and
     * matches nothing.
     */
    static boolean matches(String phc, char[] password) {
        Matcher m = PHC.matcher(phc == null ? "" : phc);
        if (!m.matches()) {
            matches(NOBODY, password);
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory < 8 || memory > 1024 * 1024 || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = argon2(password, B64D.decode(m.group(4)), memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** The same time as {@link #matches} with a wrong password: for an email no account has. */
    static void waste(char[] password) {
        matches(NOBODY, password);
    }

    private static byte[] argon2(char[] password, byte[] salt, int memory, int iterations, int parallelism) {
        return argon2(password, salt, memory, iterations, parallelism, HASH_BYTES);
    }

    private static byte[] argon2(char[] password, byte[] salt, int memory, int iterations, int parallelism,
            int length) {
        COMPUTED.incrementAndGet();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(
                Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory).withIterations(iterations)
                .withParallelism(parallelism).build());
        byte[] bytes = utf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(bytes, out);
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /** How many Argon2id hashes this runtime has computed: a wrong email must cost one as a wrong password does. */
    public static long hashesComputed() {
        return COMPUTED.get();
    }

    /** Why this password may not be set, or empty. */
    static Optional<String> problem(char[] password, String email, String name) {
        if (password == null || password.length < AccountService.MIN_PASSWORD_LENGTH) {
            return Optional.of("A password needs at least " + AccountService.MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length > MAX_LENGTH) {
            return Optional.of("A password has at most " + MAX_LENGTH + " characters.");
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (lower.codePoints().distinct().count() < 5) {
            return Optional.of("This password repeats too few characters; choose one that is harder to guess.");
        }
        if (isCommon(lower)) {
            return Optional.of("This password is one of the most common ones; choose one that is harder to guess.");
        }
        String mail = email == null ? "" : email.toLowerCase(Locale.ROOT);
        String local = mail.contains("@") ? mail.substring(0, mail.indexOf('@')) : mail;
        String plainName = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        for (String own : new String[] { mail, local, plainName }) {
            if (own.length() >= 4 && lower.replaceAll("[^\\p{L}\\p{N}@.]+", "").startsWith(own)
                    && lower.length() - own.length() < 6) {
                return Optional.of("A password may not be your email or name, nor begin with them.");
            }
        }
        return Optional.empty();
    }

    /**
     * On the list, the same followed by digits and symbols ({@code password2024!}), or a listed password repeated
     * ({@code qwertyqwerty}).
     */
    static boolean isCommon(String lower) {
        Set<String> list = common();
        if (list.contains(lower)) {
            return true;
        }
        for (int end = lower.length() - 1; end >= 4 && !Character.isLetter(lower.charAt(end)); end--) {
            if (list.contains(lower.substring(0, end))) {
                return true; // a common one with digits or symbols added
            }
        }
        for (int length = 3; length <= lower.length() / 2; length++) {
            if (lower.length() % length == 0 && lower.substring(0, length).repeat(lower.length() / length)
                    .equals(lower) && list.contains(lower.substring(0, length))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> common() {
        Set<String> loaded = common;
        if (loaded == null) {
            loaded = new HashSet<>(40_000);
            try (InputStream in = Passwords.class.getResourceAsStream("/passwords/common-passwords.txt")) {
                if (in == null) {
                    throw new IllegalStateException("passwords/common-passwords.txt is missing from the bundle");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null;) {
                    if (!line.isBlank()) {
                        loaded.add(line.strip().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("The list of common passwords cannot be read", e);
            }
            common = loaded;
        }
        return loaded;
    }
}
