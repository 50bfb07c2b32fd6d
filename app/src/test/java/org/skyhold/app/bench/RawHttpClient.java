package org.skyhold.app.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client for a load generator: one keep-alive connection (a plain blocking {@link Socket} with
 * TCP_NODELAY), one method and path, headers encoded once; only the body varies. The placement benchmark's clients
 * run in the app's JVM on the app's two cores, so what a request costs the client is taken from the server: the
 * JDK's {@code HttpClient} spent about 1.4 ms of CPU a request (its selector thread, futures and header maps), more
 * than the server's own work. This one's threads used 0.05-0.1 ms a request in benchmark 4, most of it the
 * kernel's loopback TCP work, which Linux charges to the sending thread.
 *
 * <p>It reads the status line (skipping 1xx answers), the headers, and the whole body, whether framed by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked} (Jetty chunks an answer whose length it does not
 * know); an answer with neither is read to the end of the connection. After an answer with {@code Connection:
 * close}, or one read to the end, the next request opens a new connection. A request whose connection fails or
 * ends before a whole answer throws and is not resent: a POST is not idempotent, and a resent placement could be
 * placed twice. The next request opens a new connection. One instance is for one thread.
 */
final class RawHttpClient implements Closeable {
    private static final int MAX_HEAD = 64 * 1024;

    private final InetSocketAddress address;
    private final byte[] head;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] request = new byte[1024];
    private int requestLength;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private byte[] body = new byte[4096];
    private int bodyLength;
    private int connections;

    /**
     * @param headers extra header lines without their line ends, e.g. {@code "Authorization: Bearer sk_..."};
     *                Host and Content-Length are added here
     */
    RawHttpClient(InetSocketAddress address, String method, String path, int timeoutMillis, String... headers) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
        StringBuilder h = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
        for (String header : headers) {
            h.append(header).append("\r\n");
        }
        this.head = h.append("Content-Length: ").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The answer to one request; {@code body} is valid until the next request on this client.
     *
     * @param chunked whether it came with {@code Transfer-Encoding: chunked} (for the tests of this client)
     */
    record Response(int status, byte[] body, int bodyLength, boolean chunked) {
        String bodyText() {
            return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request with {@code content} as its body on the open connection (opening one if there is none)
     * and reads its whole answer.
     *
     * @throws IOException when the connection fails or the answer is not HTTP/1.1 as this client reads it; the
     *                     connection is then closed and the request is not resent
     */
    Response send(byte[] content) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(encode(content), 0, requestLength);
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Connections opened so far: 1 when every request went over the same one. */
    int connections() {
        return connections;
    }

    private byte[] encode(byte[] content) {
        byte[] length = (content.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        requestLength = head.length + length.length + content.length;
        if (request.length < requestLength) {
            request = new byte[Math.max(requestLength, request.length * 2)];
        }
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(content, 0, request, head.length + length.length, content.length);
        return request;
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(address, timeoutMillis);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        pos = 0;
        limit = 0;
        connections++;
    }

    private Response read() throws IOException {
        int status;
        long contentLength;
        boolean chunked;
        boolean close;
        do {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            status = Integer.parseInt(statusLine, 9, 12, 10);
            close = statusLine.startsWith("HTTP/1.0");
            contentLength = -1;
            chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line: " + h);
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
                }
            }
        } while (status / 100 == 1);
        bodyLength = 0;
        if (status == 204 || status == 304) {
            // no body, whatever the headers say (RFC 9112 6.3)
        } else if (chunked) {
            readChunks();
        } else if (contentLength >= 0) {
            readBody(contentLength);
        } else {
            readToEnd();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, body, bodyLength, chunked);
    }

    private void readChunks() throws IOException {
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: none that matter here
                }
                return;
            }
            readBody(size);
            if (!line().isEmpty()) {
                throw new IOException("a chunk did not end with CRLF");
            }
        }
    }

    /** Appends {@code n} bytes of the answer to {@link #body}. */
    private void readBody(long n) throws IOException {
        if (bodyLength + n > Integer.MAX_VALUE - 16) {
            throw new IOException("answer too large: " + n);
        }
        ensureBody(bodyLength + (int) n);
        int left = (int) n;
        while (left > 0) {
            if (pos == limit && fill() < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the end of the body");
            }
            int k = Math.min(left, limit - pos);
            System.arraycopy(buf, pos, body, bodyLength, k);
            pos += k;
            bodyLength += k;
            left -= k;
        }
    }

    private void readToEnd() throws IOException {
        while (pos < limit || fill() >= 0) {
            readBody(limit - pos);
        }
    }

    private void ensureBody(int size) {
        if (body.length < size) {
            body = Arrays.copyOf(body, Math.max(size, body.length * 2));
        }
    }

    /** One line of the head, without its CRLF (a bare LF is accepted too). */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            if (pos == limit && fill() < 0) {
                throw new EOFException(s.length() == 0 ? "the connection ended without an answer"
                        : "the connection ended inside a header line");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            if (s.length() >= MAX_HEAD) {
                throw new IOException("header line longer than " + MAX_HEAD + " bytes");
            }
            s.append((char) (b & 0xff));
        }
    }

    private int fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        limit = Math.max(0, n);
        return n;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket we are done with; nothing to recover
            }
        }
        socket = null;
        in = null;
        out = null;
        pos = 0;
        limit = 0;
    }
}
