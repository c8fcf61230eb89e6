package org.humanchat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP load of {@link EndpointBenchmark}, run in a process of its own (java.base only, one thread, non-blocking
 * sockets), as a channel platform's servers would send it. It sends the requests of a file written beforehand (lines
 * of body, then the signature header's value), in order, and remembers which of them were answered 2xx: the
 * benchmark compares those ids with the ones stored. wrk cannot say which request an answer belongs to, and it can
 * only send in a closed loop.
 * <ul>
 * <li>Closed loop ({@code RATE} 0): each connection sends its next request as soon as the answer to the last one is
 * in; the figure is how many the server answers per second. Latency is measured from the send.</li>
 * <li>Open loop ({@code RATE} &gt; 0, as wrk2): request k is due at start + k / RATE, whether or not the server kept
 * up; a due request goes out on the first free connection, and its latency is measured from the time it was due, so
 * a server that stalls is charged for every request that waited (no coordinated omission). The scheduler wakes up
 * at most once a millisecond.</li>
 * </ul>
 * The measured window begins after 2 s of load (this process's JIT compiler starts cold). Prints {@code BEGIN} when
 * the measured window starts, {@code SNAPSHOT} when it ends (the ids answered so far are
 * then in {@code ACKED_FILE}.snapshot, and the load goes on for {@code MORE_SECONDS}, so that the benchmark can read
 * the database while messages keep arriving), then stops sending, waits for the answers still out, writes every
 * acknowledged id to {@code ACKED_FILE} (one a line) and prints one {@code RESULT} line of figures.
 * <p>
 * Usage: {@code LoadClient URL REQUESTS_FILE CONNECTIONS SECONDS RATE ACKED_FILE|- MORE_SECONDS}
 */
public final class LoadClient {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;
    /** Load before the measured window: this process's own JIT compiler starts cold. */
    private static final long LEAD_IN_NANOS = 2_000_000_000L;

    private final URI uri;
    private final byte[][] requests;
    private final String[] ids;
    private final int connections;
    private final long windowNanos;
    private final double rate;
    private final long moreNanos;

    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private Selector selector;

    private int next;
    private long dispatched;
    private long wrapped;
    private int[] acked = new int[1 << 16];
    private int ackedCount;
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private long answeredInWindow;
    private long failed;
    private long non2xx;
    private long maxBacklog;
    private long start;
    private long windowStart;
    private long windowEnd;
    private boolean measuring;

    /** One keep-alive connection with at most one request out. */
    private static final class Connection {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        int request = -1;
        long since;
    }

    private LoadClient(URI uri, byte[][] requests, String[] ids, int connections, double seconds, double rate,
            double moreSeconds) {
        this.uri = uri;
        this.requests = requests;
        this.ids = ids;
        this.connections = connections;
        this.windowNanos = (long) (seconds * 1e9);
        this.rate = rate;
        this.moreNanos = (long) (moreSeconds * 1e9);
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        String host = uri.getHost() + ":" + uri.getPort();
        byte[][] requests = new byte[lines.size() / 2][];
        String[] ids = new String[requests.length];
        for (int i = 0; i < requests.length; i++) {
            String body = lines.get(2 * i);
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            int at = body.indexOf("\"id\":\"") + 6;
            ids[i] = body.substring(at, body.indexOf('"', at));
            byte[] head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nX-HumanChat-Signature: " + lines.get(2 * i + 1)
                    + "\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            requests[i] = Arrays.copyOf(head, head.length + bodyBytes.length);
            System.arraycopy(bodyBytes, 0, requests[i], head.length, bodyBytes.length);
        }
        lines = null;
        LoadClient client = new LoadClient(uri, requests, ids, Integer.parseInt(args[2]), Double.parseDouble(args[3]),
                Double.parseDouble(args[4]), Double.parseDouble(args[6]));
        Path ackedFile = args[5].equals("-") ? null : Path.of(args[5]);
        client.run(ackedFile);
    }

    private void run(Path ackedFile) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            Connection c = new Connection();
            connect(c);
            all.add(c);
            idle.add(c);
        }
        start = System.nanoTime();
        windowStart = start + LEAD_IN_NANOS;
        windowEnd = windowStart + windowNanos;
        long cpuStart = 0;
        boolean begun = false;
        long interval = rate > 0 ? (long) (1e9 / rate) : 0;
        long cpu = -1;
        boolean sending = true;
        long stopSending = windowEnd + moreNanos;
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (!begun && now >= windowStart) {
                begun = true;
                measuring = true;
                cpuStart = cpuNanos();
                System.out.println("BEGIN");
                System.out.flush();
            }
            if (measuring && now >= windowEnd) {
                measuring = false;
                cpu = cpuNanos() - cpuStart;
                if (ackedFile != null) {
                    writeAcked(Path.of(ackedFile + ".snapshot"));
                }
                System.out.println(moreNanos > 0 ? "SNAPSHOT" : "END");
                System.out.flush();
                now = System.nanoTime();
            }
            if (sending && now >= stopSending) {
                sending = false;
                drainDeadline = now + TIMEOUT_NANOS;
            }
            if (!sending && (idle.size() == all.size() || now >= drainDeadline)) {
                break;
            }
            long wait = 100;
            if (sending) {
                if (interval > 0) {
                    long due = (now - start) / interval + 1;
                    maxBacklog = Math.max(maxBacklog, due - dispatched);
                    while (dispatched < due && !idle.isEmpty()) {
                        send(idle.poll(), start + dispatched * interval);
                    }
                    if (dispatched >= due) {
                        wait = Math.max(1, (start + dispatched * interval - now + 999_999) / 1_000_000);
                    }
                } else {
                    while (!idle.isEmpty()) {
                        send(idle.poll(), now);
                    }
                }
            }
            if (now < windowEnd) {
                wait = Math.min(wait, Math.max(1, ((now < windowStart ? windowStart : windowEnd) - now) / 1_000_000));
            }
            selector.select(wait);
            for (SelectionKey key : selector.selectedKeys()) {
                Connection c = (Connection) key.attachment();
                try {
                    if (key.isValid() && key.isWritable()) {
                        write(c);
                    }
                    if (key.isValid() && key.isReadable()) {
                        read(c, sending);
                    }
                } catch (IOException e) {
                    lost(c);
                }
            }
            selector.selectedKeys().clear();
            now = System.nanoTime();
            for (Connection c : all) {
                if (c.request >= 0 && now - c.since > TIMEOUT_NANOS) {
                    lost(c);
                }
            }
        }
        long unanswered = all.stream().filter(c -> c.request >= 0).count();
        if (ackedFile != null) {
            writeAcked(ackedFile);
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT,
                "RESULT answered=%d seconds=%.6f p50=%d p99=%d p999=%d max=%d failed=%d non2xx=%d sent=%d wrapped=%d"
                        + " cpumicros=%d unanswered=%d backlog=%d%n",
                answeredInWindow, windowNanos / 1e9, micros(sorted, 0.50), micros(sorted, 0.99),
                micros(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000, failed, non2xx,
                Math.min(dispatched, requests.length), wrapped, cpu / 1000, unanswered, maxBacklog);
        System.out.flush();
    }

    private static long micros(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000;
    }

    private void connect(Connection c) throws IOException {
        c.channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.channel.configureBlocking(false);
        c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
        c.in.clear();
        c.request = -1;
    }

    /** Sends the next request of the file on {@code c}; {@code since}: when it was due (open) or sent (closed). */
    private void send(Connection c, long since) throws IOException {
        c.request = next;
        c.since = since;
        c.out = ByteBuffer.wrap(requests[next]);
        dispatched++;
        if (++next == requests.length) {
            next = 0;
            wrapped++;
        }
        try {
            write(c);
        } catch (IOException e) {
            lost(c);
        }
    }

    private void write(Connection c) throws IOException {
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** A failed or timed-out request: counted, and the connection is opened again. */
    private void lost(Connection c) throws IOException {
        if (c.request >= 0) {
            failed++;
        }
        c.key.cancel();
        c.channel.close();
        idle.remove(c);
        connect(c);
        idle.add(c);
    }

    private void read(Connection c, boolean sending) throws IOException {
        if (c.channel.read(c.in) < 0) {
            throw new IOException("closed by the server");
        }
        int end = headerEnd(c.in);
        if (end < 0) {
            return;
        }
        String head = new String(c.in.array(), 0, end, StandardCharsets.US_ASCII);
        int length = contentLength(head);
        int total;
        if (length >= 0) {
            total = end + length;
        } else if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            int last = indexOf(c.in, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), end - 2);
            total = last < 0 ? Integer.MAX_VALUE : last + 7;
        } else {
            total = end;
        }
        if (c.in.position() < total) {
            return;
        }
        long now = System.nanoTime();
        int status = Integer.parseInt(head.substring(9, 12));
        if (c.request >= 0) {
            if (status / 100 == 2) {
                if (ackedCount == acked.length) {
                    acked = Arrays.copyOf(acked, acked.length * 2);
                }
                acked[ackedCount++] = c.request;
                boolean inWindow = rate > 0 ? c.since >= windowStart && c.since < windowEnd
                        : now >= windowStart && now < windowEnd;
                if (inWindow) {
                    answeredInWindow++;
                    if (latencyCount == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[latencyCount++] = now - c.since;
                }
            } else {
                non2xx++;
            }
        }
        c.in.clear();
        c.request = -1;
        if (head.toLowerCase(Locale.ROOT).contains("connection: close")) {
            lost(c);
            return;
        }
        if (sending && rate == 0) {
            send(c, now);
        } else {
            idle.add(c);
        }
    }

    private static int headerEnd(ByteBuffer in) {
        int at = indexOf(in, new byte[] { '\r', '\n', '\r', '\n' }, 0);
        return at < 0 ? -1 : at + 4;
    }

    private static int indexOf(ByteBuffer in, byte[] what, int from) {
        byte[] a = in.array();
        outer: for (int i = Math.max(0, from); i <= in.position() - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return -1;
    }

    private void writeAcked(Path file) throws IOException {
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < ackedCount; i++) {
                out.write(ids[acked[i]]);
                out.write('\n');
            }
        }
    }

    /** CPU time (user + system) of this process, from /proc/self/stat; -1 where there is none. */
    private static long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
