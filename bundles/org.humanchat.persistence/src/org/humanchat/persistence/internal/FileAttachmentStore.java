package org.humanchat.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.humanchat.api.model.Attachment;
import org.humanchat.api.service.AttachmentRejectedException;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.DataFolder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Attachments as files named by the SHA-256 of their content ({@code ab/abcdef...}) under the data folder. A file
 * is written to a temporary name while it is hashed and measured, and moved in place only when it is complete and
 * accepted, so a half-received upload never shows up. The same content is stored once.
 */
@Component(service = AttachmentStore.class, configurationPid = "org.humanchat.attachments",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AttachmentConfig.class)
public final class FileAttachmentStore implements AttachmentStore {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final int SNIFF_BYTES = 4096;

    private final Path folder;
    private final long maxBytes;

    @Activate
    public FileAttachmentStore(AttachmentConfig config) {
        this(config.folder().isBlank() ? DataFolder.path().resolve("attachments") : Path.of(config.folder()),
                config.maxBytes());
    }

    public FileAttachmentStore(Path folder, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public Attachment store(String name, String declaredMediaType, InputStream content) throws IOException {
        String displayName = displayName(name);
        Files.createDirectories(folder.resolve("tmp"));
        Path temp = Files.createTempFile(folder.resolve("tmp"), "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            byte[] head = new byte[SNIFF_BYTES];
            int headLength = 0;
            long size = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0;) {
                    size += n;
                    if (size > maxBytes) {
                        throw new AttachmentRejectedException(
                                displayName + " is larger than the limit of " + describeSize(maxBytes), true);
                    }
                    if (headLength < SNIFF_BYTES) {
                        int copy = Math.min(n, SNIFF_BYTES - headLength);
                        System.arraycopy(buffer, 0, head, headLength, copy);
                        headLength += copy;
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new AttachmentRejectedException(displayName + " is empty", false);
            }
            String mediaType = MediaTypes.check(displayName, declaredMediaType, head, headLength);
            String hash = HexFormat.of().formatHex(sha256.digest());
            Path target = path(hash);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                    // the same content arrived twice at once: one copy is enough
                }
            }
            return new Attachment(displayName, mediaType, size, hash);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<InputStream> open(String contentHash) throws IOException {
        if (contentHash == null || !HASH.matcher(contentHash).matches()) {
            return Optional.empty();
        }
        Path file = path(contentHash);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    private Path path(String hash) {
        return folder.resolve(hash.substring(0, 2)).resolve(hash);
    }

    /** Keeps the last path segment, without control characters, at most 255 characters; "file" when nothing is left. */
    static String displayName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return "file";
        }
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }

    static String describeSize(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)).replace(".0 MB", " MB");
        }
        if (bytes >= 1024) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " bytes";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Media types as the content shows them. */
    static final class MediaTypes {

        private MediaTypes() {
        }

        /**
         * The media type to record. A declared type the content contradicts is refused; a vague one
         * ({@code application/octet-stream}, none) is replaced by what the content shows, if anything.
         */
        static String check(String name, String declared, byte[] head, int length) {
            String type = declared == null ? "" : declared.toLowerCase(Locale.ROOT).split(";")[0].strip();
            String sniffed = sniff(head, length);
            if (type.isEmpty() || type.equals("application/octet-stream")) {
                return sniffed != null ? sniffed : "application/octet-stream";
            }
            boolean claimsKnownBinary = type.startsWith("image/") || type.startsWith("audio/")
                    || type.startsWith("video/") || type.equals("application/pdf");
            if (claimsKnownBinary && !type.equals(sniffed) && !compatible(type, sniffed)) {
                throw new AttachmentRejectedException(name + " is not the " + type + " it claims to be"
                        + (sniffed == null ? "" : " (its content is " + sniffed + ")"), false);
            }
            if (type.startsWith("text/") && !isText(head, length)) {
                throw new AttachmentRejectedException(name + " is not the text it claims to be", false);
            }
            return type;
        }

        private static boolean compatible(String declared, String sniffed) {
            if (sniffed == null) {
                // formats we do not recognize by content are taken as declared, except the common ones we do know
                return !(declared.equals("image/png") || declared.equals("image/jpeg") || declared.equals("image/gif")
                        || declared.equals("application/pdf") || declared.equals("image/webp"));
            }
            return declared.equals("image/jpg") && sniffed.equals("image/jpeg")
                    || declared.startsWith("audio/") && sniffed.startsWith("audio/")
                    || declared.startsWith("video/") && (sniffed.startsWith("video/") || sniffed.startsWith("audio/"));
        }

        static String sniff(byte[] b, int n) {
            if (starts(b, n, 0x89, 'P', 'N', 'G')) {
                return "image/png";
            }
            if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
                return "image/jpeg";
            }
            if (starts(b, n, 'G', 'I', 'F', '8')) {
                return "image/gif";
            }
            if (starts(b, n, '%', 'P', 'D', 'F')) {
                return "application/pdf";
            }
            if (n >= 12 && starts(b, n, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                    && b[11] == 'P') {
                return "image/webp";
            }
            if (starts(b, n, 'O', 'g', 'g', 'S')) {
                return "audio/ogg";
            }
            if (starts(b, n, 'I', 'D', '3') || n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
                return "audio/mpeg";
            }
            if (n >= 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
                return "video/mp4";
            }
            if (starts(b, n, 'P', 'K', 3, 4)) {
                return "application/zip";
            }
            return null;
        }

        private static boolean starts(byte[] b, int n, int... prefix) {
            if (n < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((b[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isText(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                if (b[i] == 0) {
                    return false;
                }
            }
            // the sniffed head may end inside a character: decode as input that goes on
            return !StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, 0, n), java.nio.CharBuffer.allocate(n), false).isError();
        }
    }
}
